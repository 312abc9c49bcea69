using JasperFx;
using NavusoftSync.Host.Composition;
using NavusoftSync.Host.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddNavusoftSync();

var app = builder.Build();
app.UseNavusoftSync();

// A command first (`projections rebuild`, `projections list`, `db-apply`, `help`, …) runs JasperFx's
// command line with Marten's commands: dotnet run --project src/Host -- projections rebuild.
// Anything else (no arguments, or only options such as --environment, as WebApplicationFactory
// passes) runs the web host as always.
if (args.Length > 0 && !args[0].StartsWith('-'))
{
    return await app.RunJasperFxCommands(args);
}

// Serving needs safe settings (README "Required settings"); the commands above do not listen.
StartupChecks.Enforce(app);
await app.RunAsync();
return 0;

/// <summary>The host's entry point (public for <c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;

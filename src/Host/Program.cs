using JasperFx;
using NavusoftSync.Host.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddNavusoftSync();

var app = builder.Build();
app.UseNavusoftSync();

// No arguments runs the web host; otherwise JasperFx's command line, with Marten's commands
// (`projections rebuild`, `projections list`, `db-apply`, …): dotnet run --project src/Host -- projections rebuild
return await app.RunJasperFxCommands(args);

/// <summary>The host's entry point (public for <c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;

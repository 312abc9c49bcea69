using NavusoftSync.Host.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddNavusoftSync();

var app = builder.Build();
app.UseNavusoftSync();
app.Run();

/// <summary>The host's entry point (public for <c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;

using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox;

/// <summary>
/// Standalone: <c>dotnet run --project src/Tools/ProviderSandbox -- --urls http://127.0.0.1:5199 --scenario scenarios/sample.json</c>.
/// Not a top-level program, so projects referencing both this and the Host keep one unambiguous <c>Program</c>.
/// </summary>
internal static class Program
{
    private const string DefaultUrl = "http://127.0.0.1:5199";

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(Program).Assembly.GetName().Name });
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--scenario"] = "Sandbox:ScenarioFile" });
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var options = StandaloneOptions.From(builder.Configuration.GetSection("Sandbox"));
        SandboxApplication.ConfigureServices(builder.Services, options);
        var app = builder.Build();
        SandboxApplication.Configure(app);
        SandboxApplication.LoadInitialScenario(app.Services, options);
        app.Lifetime.ApplicationStarted.Register(() => StandaloneOptions.LogStarted(app));
        await app.RunAsync();
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using NavusoftSync.Tools.ProviderSandbox.Control;

namespace NavusoftSync.Tools.ProviderSandbox.Hosting;

/// <summary>
/// A sandbox running in-process on Kestrel at <c>http://127.0.0.1:{free port}</c>, for integration tests:
/// <code>
/// await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { TimeProvider = clock }, ct);
/// await sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "ann@contoso.com", Provider = SandboxProvider.Microsoft }, ct);
/// configuration.AddInMemoryCollection(sandbox.Urls.ToConfiguration());
/// </code>
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, string baseUrl, SandboxOptions options)
    {
        _app = app;
        Options = options;
        Urls = new SandboxUrls(baseUrl);
        Control = new SandboxControlClient(new HttpClient { BaseAddress = new Uri(baseUrl + "/") }, ownsClient: true);
    }

    /// <summary><c>http://127.0.0.1:{port}</c>, without a trailing slash.</summary>
    public string BaseUrl => Urls.BaseUrl;

    public SandboxUrls Urls { get; }

    public string MicrosoftAuthorityUrl => Urls.MicrosoftAuthorityUrl;

    public string GraphBaseUrl => Urls.GraphBaseUrl;

    public string GoogleAuthorizeUrl => Urls.GoogleAuthorizeUrl;

    public string GoogleTokenUrl => Urls.GoogleTokenUrl;

    public string GmailBaseUrl => Urls.GmailBaseUrl;

    public string CalendarBaseUrl => Urls.CalendarBaseUrl;

    public string PubSubCertsUrl => Urls.PubSubCertsUrl;

    /// <summary>The typed control API client (seed mailboxes, issue tokens, queue faults, read the request log).</summary>
    public SandboxControlClient Control { get; }

    public SandboxOptions Options { get; }

    /// <summary>The sandbox's services, for tests that observe its internals (requests waiting out their latency).</summary>
    internal IServiceProvider Services => _app.Services;

    public static Task<SandboxHost> StartAsync(CancellationToken ct = default) => StartAsync(new SandboxOptions(), ct);

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        options.ConfigureLogging?.Invoke(builder.Logging);
        SandboxApplication.ConfigureServices(builder.Services, options);
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            SandboxApplication.Configure(app);
            SandboxApplication.LoadInitialScenario(app.Services, options);
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new SandboxHost(app, address.TrimEnd('/'), options);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Linking.IntegrationTests.Infrastructure;

/// <summary>
/// One test class's world: a provider sandbox (real HTTP on a loopback port) and a database of its
/// own, the real host pointed at both, one fake clock for the host and the sandbox, and recorders
/// of the tokens on the wire, the host's logs and the integration events Linking publishes.
/// Tenant <see cref="Tenant"/> has every provider enabled (Microsoft, Google and IMAP).
/// </summary>
public class LinkingHost : IAsyncLifetime
{
    public const string Tenant = "tenant-a";
    public const string MicrosoftClientId = "11111111-2222-3333-4444-555555555555";
    public const string MicrosoftClientSecret = "ms-client-secret";
    public const string GoogleClientId = "1234-navusoft.apps.googleusercontent.com";
    public const string GoogleClientSecret = "GOCSPX-navusoft";

    private readonly List<NavusoftApp> _extraHosts = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _since = new(StringComparer.OrdinalIgnoreCase);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public SandboxHost Sandbox { get; private set; } = null!;

    public NavusoftApp App { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public TokenTraffic Traffic { get; } = new();

    public LogCapture Logs { get; } = new();

    public ReceivedLinkEvents Received { get; } = new();

    /// <summary>Plays the user's browser at the provider: never follows redirects, so the test sees the redirect back to NavusoftSync.</summary>
    public HttpClient Browser { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    protected virtual TimeSpan AccessTokenLifetime => TimeSpan.FromHours(1);

    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        var options = new SandboxOptions { TimeProvider = Clock, AccessTokenLifetime = AccessTokenLifetime };
        options.MicrosoftClients[MicrosoftClientId] = MicrosoftClientSecret;
        options.GoogleClients[GoogleClientId] = GoogleClientSecret;
        Sandbox = await SandboxHost.StartAsync(options);
        ConnectionString = await PostgresServer.CreateDatabaseAsync("link");
        App = StartHost();
        var admin = App.ClientFor(Tokens.Admin(Tenant));
        foreach (var provider in new[] { "microsoft", "google", "imap" })
        {
            var enabled = await admin.PutAsJsonAsync($"/api/admin/providers/{provider}", new { enabled = true, reviewTicket = "TR-1001" });
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }
    }

    /// <summary>A host on this world's database and sandbox (another instance of the deployment).</summary>
    public NavusoftApp StartHost(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        var all = new Dictionary<string, string?>(Sandbox.Urls.ToConfiguration())
        {
            ["Providers:Microsoft:ClientId"] = MicrosoftClientId,
            ["Providers:Microsoft:ClientSecret"] = MicrosoftClientSecret,
            ["Providers:Google:ClientId"] = GoogleClientId,
            ["Providers:Google:ClientSecret"] = GoogleClientSecret,
            ["Logging:LogLevel:Default"] = "Debug",
        };
        foreach (var (key, value) in ExtraSettings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            all[key] = value;
        }

        var app = new NavusoftApp(ConnectionString, all, ConfigureServices, environment);
        if (App is not null)
        {
            _extraHosts.Add(app);
        }

        return app;
    }

    private void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.RemoveAll<ILoggerProvider>();
        services.AddSingleton<ILoggerProvider>(Logs);
        services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new TokenRecordingHandler(Traffic)));
        services.AddSingleton(Received);
        services.AddIntegrationEventHandlers(typeof(LinkingHost).Assembly);
    }

    public HttpClient UserClient(string sub, string? email = null, string tenant = Tenant) =>
        App.ClientFor(new TokenRequest(sub, tenant, email ?? $"{sub}@{tenant}.test", "Office User", NavusoftClaims.UserRole));

    public static string NewUser() => $"user-{Guid.NewGuid():N}";

    /// <summary>A new mailbox for one test; token calls are counted from here on (<see cref="TokenCallsAsync"/>).</summary>
    public async Task<string> AddMailboxAsync(SandboxProvider provider, string? domain = null)
    {
        var email = $"box-{Guid.NewGuid():N}"[..16] + "@" + (domain ?? (provider == SandboxProvider.Google ? "gmail.com" : "contoso.com"));
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = email, Provider = provider, DisplayName = "Mailbox Owner" });
        _since[email] = (await Sandbox.Control.GetRequestsAsync()).Select(r => r.Sequence).DefaultIfEmpty(0).Max();
        return email;
    }

    /// <summary><c>POST /api/me/links</c>: the link request's authorization URL.</summary>
    public async Task<JsonElement> StartLinkAsync(HttpClient user, string provider, string? loginHint)
    {
        var response = await user.PostAsJsonAsync("/api/me/links", new { provider, loginHint });
        return await response.OkJsonAsync();
    }

    /// <summary>The browser at the provider: consent is automatic; answers the path and query of the redirect back to NavusoftSync.</summary>
    public async Task<string> ConsentAsync(string authorizationUrl)
    {
        using var response = await Browser.GetAsync(new Uri(authorizationUrl));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/api/links/callback/", location.AbsolutePath, StringComparison.Ordinal);
        return location.PathAndQuery;
    }

    /// <summary>The whole flow as the reference UI runs it (the redirect relayed with the user's token); answers the callback's JSON.</summary>
    public async Task<JsonElement> LinkAsync(HttpClient user, string provider, string mailbox)
    {
        var started = await StartLinkAsync(user, provider, mailbox);
        var callback = await ConsentAsync(started.Str("authorizationUrl"));
        return await (await user.GetAsync(callback)).OkJsonAsync();
    }

    public async Task<AccessTokenResult> AccessTokenAsync(string linkId, string? rejected = null, NavusoftApp? host = null, string tenant = Tenant)
    {
        await using var scope = (host ?? App).Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(tenant);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetAccessToken(linkId, rejected));
    }

    public async Task<T?> LoadAsync<T>(string id, string tenant = Tenant)
        where T : notnull
    {
        await using var session = App.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant);
        return await session.LoadAsync<T>(id);
    }

    public async Task<IReadOnlyList<object>> EventsAsync(string streamKey, string tenant = Tenant)
    {
        await using var session = App.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant);
        return [.. (await session.Events.FetchStreamAsync(streamKey)).Select(e => e.Data)];
    }

    /// <summary>
    /// Token endpoint calls (authorization code and refresh grants, accepted or refused) since the
    /// mailbox was added: those of the mailbox, and those the sandbox could not tie to any mailbox
    /// (a reused code, a dead refresh token). Tests of one class run one after another, so the
    /// latter are the test's own.
    /// </summary>
    public async Task<int> TokenCallsAsync(string mailbox) =>
        (await Sandbox.Control.GetRequestsAsync(method: "POST", afterSequence: _since[mailbox]))
            .Count(r => r.Api is "microsoft-identity" or "google-oauth" && r.Path.EndsWith("/token", StringComparison.Ordinal) && (r.Mailbox is null || string.Equals(r.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase)));

    public Task WaitForPublishedEventsAsync() =>
        App.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    public static IReadOnlyDictionary<string, string> QueryOf(string url) =>
        QueryHelpers.ParseQuery(new Uri(url).Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public virtual async Task DisposeAsync()
    {
        foreach (var host in _extraHosts)
        {
            await host.DisposeAsync();
        }

        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
        Browser.Dispose();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Synchronization.IntegrationTests.Infrastructure;

/// <summary>
/// One test's world: a provider sandbox on a loopback port, a database of its own and the real host
/// pointed at both, with the steps every sync test starts with (an account, an enabled provider, a
/// mailbox linked through the real OAuth flow).
/// </summary>
internal sealed class SyncWorld : IAsyncDisposable
{
    private SyncWorld(SandboxHost sandbox, NavusoftApp app, string connectionString, string tenant)
    {
        Sandbox = sandbox;
        App = app;
        ConnectionString = connectionString;
        Tenant = tenant;
    }

    public SandboxHost Sandbox { get; }

    public NavusoftApp App { get; }

    public string ConnectionString { get; }

    public string Tenant { get; }

    public static async Task<SyncWorld> StartAsync(
        string tenant, IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var connectionString = await PostgresServer.CreateDatabaseAsync("sync");
        var all = new Dictionary<string, string?>(sandbox.Urls.ToConfiguration())
        {
            ["Providers:Microsoft:ClientId"] = "e2e-client",
            ["Providers:Microsoft:ClientSecret"] = "e2e-secret",
            ["Providers:Google:ClientId"] = "e2e-google",
            ["Providers:Google:ClientSecret"] = "e2e-google-secret",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new SyncWorld(sandbox, new NavusoftApp(connectionString, all, configureServices), connectionString, tenant);
    }

    /// <summary>Account ACC-1 with contact Pat (pat@customer.example), and the provider enabled for the tenant.</summary>
    public async Task SeedAsync(string provider)
    {
        var admin = App.ClientFor(Tokens.Admin(Tenant));
        var account = await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.example" } } });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/providers/{provider}", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);
    }

    /// <summary>The user's browser through the provider's consent and back: answers the link id.</summary>
    public Task<string> LinkAsync(HttpClient user, string provider, string mailbox) => LinkAsync(App.CreateClient(), user, provider, mailbox);

    /// <summary>
    /// The same through any host (an in-process one or a <see cref="HostProcess"/>): <paramref name="host"/> takes the OAuth
    /// callback, relayed with the user's bearer token as the reference UI does (the callback completes only for the user who started it).
    /// </summary>
    public static async Task<string> LinkAsync(HttpClient host, HttpClient user, string provider, string mailbox)
    {
        var started = await (await user.PostAsJsonAsync("/api/me/links", new { provider, loginHint = mailbox })).Content.ReadFromJsonAsync<JsonElement>();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(started.GetProperty("authorizationUrl").GetString());
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        using var relay = new HttpRequestMessage(HttpMethod.Get, consent.Headers.Location!.PathAndQuery);
        relay.Headers.Authorization = user.DefaultRequestHeaders.Authorization;
        var callback = await host.SendAsync(relay);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        return (await callback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetString()!;
    }

    /// <summary>Runs the link's sync now, in the tenant's scope, as its Quartz job does.</summary>
    public Task<SyncRunResult> RunAsync(string linkId) => RunAsync(App, Tenant, linkId);

    /// <summary>Runs a link's sync now in <paramref name="app"/>, through <see cref="SyncRuns"/> as the Quartz job does.</summary>
    public static Task<SyncRunResult> RunAsync(NavusoftApp app, string tenant, string linkId, SyncTrigger trigger = SyncTrigger.Schedule) =>
        app.Services.GetRequiredService<SyncRuns>().RunAsync(tenant, linkId, trigger, CancellationToken.None);

    /// <summary>Waits until the async daemon has delivered every event (integration events, projections).</summary>
    public Task WaitAsync() => App.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}

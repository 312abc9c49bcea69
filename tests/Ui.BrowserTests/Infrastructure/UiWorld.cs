using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Ui.BrowserTests.Infrastructure;

/// <summary>
/// One world for every browser test: the provider sandbox with the mailboxes of <see cref="UiScenario"/>,
/// a database of its own, the real host in Development (so <c>POST /api/dev/token</c> exists) on a
/// Kestrel port with the clustered scheduler on and the real Dovecot and Radicale of <see cref="MailServers"/> allowed,
/// the tenant's accounts and providers (microsoft, google; imap when a test needs it), Dana's mailbox linked and synced through the real
/// OAuth flow, and one headless system Chromium.
/// </summary>
public sealed class UiWorld : IAsyncLifetime
{
    private SandboxHost? _sandbox;
    private NavusoftApp? _app;
    private string? _connectionString;
    private IPlaywright? _playwright;

    public UiScenario Scenario { get; } = new(DateTimeOffset.UtcNow);

    public SandboxHost Sandbox => _sandbox ?? throw new InvalidOperationException("Not started.");

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: TestResults/screenshots in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (Chromium.ExecutablePath is null)
        {
            return; // every test skips with the reason (BrowserFact)
        }

        Directory.CreateDirectory(ScreenshotFolder);
        // Access tokens shorter than Linking's refresh skew (2 min): every sync refreshes, so a revoked grant
        // shows as the provider's invalid_grant (ReauthRequired) at the next run, as it would once a token expires.
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { AccessTokenLifetime = TimeSpan.FromSeconds(90) });
        foreach (var mailbox in Scenario.Mailboxes())
        {
            await _sandbox.Control.AddMailboxAsync(mailbox);
        }

        _connectionString = await PostgresServer.CreateDatabaseAsync("ui");
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var settings = new Dictionary<string, string?>(_sandbox.Urls.ToConfiguration())
        {
            ["Providers:Microsoft:ClientId"] = "ui-client",
            ["Providers:Microsoft:ClientSecret"] = "ui-secret",
            ["Providers:Google:ClientId"] = "ui-google",
            ["Providers:Google:ClientSecret"] = "ui-google-secret",
            ["Links:CallbackBaseUrl"] = BaseUrl,
            ["Quartz:Enabled"] = "true",
            ["Sync:IntervalSeconds"] = "3600",
        };
        foreach (var (key, value) in MailServers.Configuration())
        {
            settings[key] = value; // the real Dovecot and Radicale on localhost, their self-signed certificate trusted
        }

        _app = new NavusoftApp(_connectionString, settings, environment: "Development");
        _app.UseKestrel(port);
        _app.StartServer();

        await SeedAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>An API client for a user of the scenario's tenant (what the fixture arranges outside the UI).</summary>
    public HttpClient ClientFor(TokenRequest user)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(user));
        return client;
    }

    /// <summary>
    /// Links a user's mailbox through the real OAuth flow over HTTP (the browser leg without a browser): one client with
    /// a cookie jar starts the link (its page's call carries the token) and follows the redirect back, bringing the link
    /// request's cookie to the callback.
    /// </summary>
    public async Task<string> LinkAsync(TokenRequest user, string provider, string mailbox)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(BaseUrl) };
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/me/links") { Content = JsonContent.Create(new { provider, loginHint = mailbox }) };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(user));
        var startedResponse = await browser.SendAsync(start);
        Assert.Equal(HttpStatusCode.OK, startedResponse.StatusCode);
        var started = await startedResponse.Content.ReadFromJsonAsync<JsonElement>();
        var consent = await browser.GetAsync(started.GetProperty("authorizationUrl").GetString());
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var callback = await browser.GetAsync(consent.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        return (await callback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetString()!;
    }

    /// <summary>The tenant's admin enables a provider after its integration review (idempotent).</summary>
    public async Task EnableProviderAsync(string provider)
    {
        using var admin = ClientFor(Tokens.Admin(UiScenario.Tenant));
        var response = await admin.PutAsJsonAsync($"/api/admin/providers/{provider}", new { enabled = true, reviewTicket = "TR-8" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT /api/admin/providers/{provider}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Links a user's password mailbox over HTTP (IMAP over TLS, CalDAV at the server's root): the link's id.</summary>
    public async Task<string> LinkMailboxAsync(TokenRequest user, TestMailbox mailbox)
    {
        using var api = ClientFor(user);
        var servers = MailServers.Current;
        var response = await api.PostAsJsonAsync("/api/me/links", new
        {
            provider = "imap",
            address = mailbox.Address,
            imap = new { host = servers.Host, port = servers.ImapsPort, security = "ssl", username = mailbox.Username, password = mailbox.Password },
            caldav = new { url = servers.CalDavRoot.ToString() },
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/me/links (imap): {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetString()!;
    }

    /// <summary>Polls GET /api/me/links until the link matches, or fails with what it last saw.</summary>
    public async Task<JsonElement> WaitForLinkAsync(TokenRequest user, string linkId, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        using var api = ClientFor(user);
        var deadline = DateTimeOffset.UtcNow + timeout;
        JsonElement last = default;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var links = await api.GetFromJsonAsync<JsonElement>("/api/me/links");
            last = links.EnumerateArray().FirstOrDefault(l => l.GetProperty("linkId").GetString() == linkId);
            if (last.ValueKind == JsonValueKind.Object && condition(last))
            {
                return last;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Link {linkId} did not reach the expected state within {timeout}: {last}");
    }

    private async Task SeedAsync()
    {
        using var admin = ClientFor(Tokens.Admin(UiScenario.Tenant));
        foreach (var (accountId, name, contacts) in UiScenario.Accounts)
        {
            var response = await admin.PutAsJsonAsync($"/api/accounts/{accountId}", new
            {
                name,
                contacts = contacts.Select(c => new { contactId = c.ContactId, name = c.Name, email = c.Email }),
            });
            Assert.True(response.IsSuccessStatusCode, $"PUT /api/accounts/{accountId}: {response.StatusCode}");
        }

        foreach (var provider in new[] { "microsoft", "google" })
        {
            await EnableProviderAsync(provider);
        }

        // Dana's mailbox is linked before any test: the calendar tests read what it synced.
        var linkId = await LinkAsync(UiScenario.Dana, "microsoft", UiScenario.DanaMailbox);
        await WaitForLinkAsync(UiScenario.Dana, linkId, l => l.GetProperty("lastSyncAt").ValueKind == JsonValueKind.String
            && l.GetProperty("emailsSynced").GetInt64() >= 3 && l.GetProperty("appointmentsSynced").GetInt64() >= 2, TimeSpan.FromSeconds(60));
        using var dana = ClientFor(UiScenario.Dana);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        var items = 0;
        while (items < UiScenario.DanaItems && DateTimeOffset.UtcNow < deadline)
        {
            var from = Scenario.Today.AddDays(-10).ToString("yyyy-MM-dd");
            var to = Scenario.Today.AddDays(1).ToString("yyyy-MM-dd");
            var calendar = await dana.GetFromJsonAsync<JsonElement>($"/api/me/calendar?from={from}&to={to}&tz={UiScenario.TimeZone}");
            items = calendar.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("count").GetInt32());
            if (items < UiScenario.DanaItems)
            {
                await Task.Delay(250);
            }
        }

        Assert.True(items >= UiScenario.DanaItems, $"Dana's calendar shows {items} items, expected {UiScenario.DanaItems}, after 60 s.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiWorld>
{
    public const string Name = "ui";
}

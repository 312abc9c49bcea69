using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using Npgsql;

namespace NavusoftSync.Audit.IntegrationTests;

/// <summary>
/// A mailbox linked through the real OAuth flow and synced by its scheduled job: the events of the
/// run carry the run id, <c>system:sync</c>, the link id and the node that ran it; a contact added later reaches the
/// recorded thread through an integration event whose delivery carries the request's correlation,
/// the source event as causation and the admin as the acting user.
/// </summary>
public sealed class SyncAuditTests : IAsyncLifetime
{
    private const string Tenant = "tenant-audit-sync";
    private const string Mailbox = "dana@hauler.example";
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private SandboxHost _sandbox = null!;
    private NavusoftApp _app = null!;
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        _connectionString = await PostgresServer.CreateDatabaseAsync("audit");
        var settings = new Dictionary<string, string?>(_sandbox.Urls.ToConfiguration())
        {
            ["Providers:Microsoft:ClientId"] = "audit-client",
            ["Providers:Microsoft:ClientSecret"] = "audit-secret",
            ["Quartz:Enabled"] = "true",
            ["Sync:IntervalSeconds"] = "3600",
            ["Host:NodeName"] = "audit-node-1",
        };
        _app = new NavusoftApp(_connectionString, settings);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Sync_run_events_and_the_deliveries_they_cause_carry_who_and_why()
    {
        await _sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages = [new ScenarioMessage { Subject = "Invoice question", From = "pat@customer.example", To = [Mailbox], SentAt = DateTimeOffset.UtcNow.AddDays(-1), Body = "About invoice 7" }],
        });
        var admin = _app.ClientFor(Tokens.Admin(Tenant, "core-admin"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.example" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/microsoft", new { enabled = true, reviewTicket = "TR-1" })).StatusCode);
        var linkId = await LinkAsync(_app.ClientFor(Tokens.User(Tenant, "dana")));

        // The first run starts at once (its Quartz job): wait for its thread and its completion.
        var threadId = await EventuallyAsync(async () => (await StreamIdsAsync("thread-%")).SingleOrDefault());
        var syncStream = $"sync:{linkId}";
        var runEvents = await EventuallyAsync(async () =>
        {
            var events = await AuditApi.EventsAsync(admin, syncStream);
            return events.Any(e => e.Type() == "synchronization.sync_run_completed") ? events : null;
        });

        var started = runEvents.First(e => e.Type() == "synchronization.sync_run_started");
        var runId = started.GetProperty("data").GetProperty("runId").GetString();
        Assert.False(string.IsNullOrEmpty(runId));
        foreach (var e in runEvents.Where(e => e.GetProperty("data").GetProperty("runId").GetString() == runId))
        {
            Assert.Equal(runId, e.Header("correlationId"));
            Assert.Equal("system:sync", e.Header("user"));
            Assert.Equal(linkId, e.Header("linkId"));
            Assert.StartsWith("SyncRun/", e.Header("causationId"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(e.Header("hostVersion")));
            Assert.Equal("audit-node-1", e.Header("hostNode"));
        }

        var threadEvents = await AuditApi.EventsAsync(admin, threadId);
        Assert.Contains(threadEvents, e => e.Type() == "synchronization.thread_message_recorded");
        Assert.All(threadEvents, e =>
        {
            Assert.Equal(runId, e.Header("correlationId"));
            Assert.Equal("system:sync", e.Header("user"));
            Assert.Equal(linkId, e.Header("linkId"));
        });

        var thread = await AuditApi.StateAsync(admin, threadId);
        Assert.Equal("EmailThread", thread.GetProperty("aggregateType").GetString());
        Assert.Equal("Invoice question", thread.GetProperty("state").GetProperty("subject").GetString());
        var noAggregate = await admin.GetAsync($"/api/audit/streams/{Uri.EscapeDataString(syncStream)}/state");
        Assert.Equal(HttpStatusCode.NotFound, noAggregate.StatusCode);
        Assert.Contains("events", (await noAggregate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A second account with the same contact, in a request with its own trace: its ContactAdded
        // is published, delivered to Synchronization, and puts the thread on ACC-2.
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/accounts/ACC-2")
        {
            Content = JsonContent.Create(new { name = "Sister Co", contacts = new[] { new { contactId = "c9", name = "Pat", email = "pat@customer.example" } } }),
        })
        {
            put.Headers.Add("traceparent", $"00-{TraceId}-b7ad6b7169203331-01");
            Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(put)).StatusCode);
        }

        var contactAdded = (await AuditApi.EventsAsync(admin, "ACC-2")).Single(e => e.Type() == "contact_directory.contact_added");
        var matched = await EventuallyValueAsync(async () => (await AuditApi.EventsAsync(admin, threadId))
            .FirstOrDefault(e => e.Type() == "synchronization.thread_account_matched" && e.GetProperty("data").GetProperty("accountId").GetString() == "ACC-2") is { ValueKind: JsonValueKind.Object } found ? (JsonElement?)found : null);
        Assert.Equal(TraceId, matched.Header("correlationId"));
        Assert.Equal(contactAdded.GetProperty("id").GetGuid().ToString(), matched.Header("causationId"));
        Assert.Equal("core-admin", matched.Header("user"));

        // As of the first run the thread was on ACC-1 only; now it is on both.
        var atFirstRun = await AuditApi.StateAsync(admin, threadId, $"?version={threadEvents.Max(e => e.GetProperty("version").GetInt64())}");
        Assert.Equal(["ACC-1"], atFirstRun.GetProperty("state").GetProperty("accounts").EnumerateObject().Select(p => p.Name));
        var now = await AuditApi.StateAsync(admin, threadId);
        Assert.Equal(["ACC-1", "ACC-2"], now.GetProperty("state").GetProperty("accounts").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        // Another tenant's admin finds none of it.
        var stranger = _app.ClientFor(Tokens.Admin("tenant-other"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/audit/streams/{threadId}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/audit/streams/{Uri.EscapeDataString(syncStream)}/events")).StatusCode);
    }

    private async Task<string> LinkAsync(HttpClient user)
    {
        var started = await (await user.PostAsJsonAsync("/api/me/links", new { provider = "microsoft", loginHint = Mailbox })).Content.ReadFromJsonAsync<JsonElement>();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(started.GetProperty("authorizationUrl").GetString());
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var callback = await user.GetAsync(consent.Headers.Location!.PathAndQuery); // relayed with the token of the user who started it
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        return (await callback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetString()!;
    }

    private async Task<List<string>> StreamIdsAsync(string like)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM events.mt_streams WHERE tenant_id = @tenant AND id LIKE @like", connection);
        command.Parameters.AddWithValue("tenant", Tenant);
        command.Parameters.AddWithValue("like", like);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out");
            await Task.Delay(250);
        }
    }

    private static async Task<T> EventuallyValueAsync<T>(Func<Task<T?>> probe)
        where T : struct
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out");
            await Task.Delay(250);
        }
    }
}

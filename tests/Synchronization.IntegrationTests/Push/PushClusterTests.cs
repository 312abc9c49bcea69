using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// Two host processes on one database, each firing every link's upkeep every second: a subscription that falls inside
/// the renewal window is renewed once, by one of them, never twice (the upkeep job is one per link in the clustered
/// store and never runs on two nodes at once).
/// </summary>
public sealed class PushClusterTests : IAsyncLifetime
{
    private const string Tenant = "tenant-push-cluster";
    private const string Mailbox = "gus@hauler.example";
    private ProcessWorld _world = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _world = await ProcessWorld.StartAsync(TimeSpan.Zero);
        _database = await _world.CreateDatabaseAsync("pushcluster");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Two_hosts_renew_each_subscription_once()
    {
        var settings = _world.ProviderSettings("push-cluster");
        foreach (var (key, value) in PushWorlds.Settings(HostProcess.OwnBaseUrl, fallbackSeconds: 3600, upkeepSeconds: 1))
        {
            settings[key] = value;
        }

        var hosts = await Task.WhenAll(_world.StartHostAsync("a", _database, settings), _world.StartHostAsync("b", _database, settings));
        var admin = hosts[0].ClientFor(Tokens.Admin(Tenant));
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.example" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/microsoft", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Microsoft });
        var user = hosts[0].ClientFor(Tokens.User(Tenant, "user-1"));
        await SyncWorld.LinkAsync(hosts[0].CreateClient(), user, "microsoft", Mailbox);
        Assert.True(await StoredSync.EventuallyAsync(async () => (await SubscriptionsAsync()).Count == 3, TimeSpan.FromSeconds(60)), _world.Tails());
        var ids = (await SubscriptionsAsync()).Select(s => s.Id).Order().ToList();

        await IntoRenewalWindowAsync();

        Assert.True(await StoredSync.EventuallyAsync(async () => (await RenewalsAsync()).Count == 3, TimeSpan.FromSeconds(60)), _world.Tails());
        var seen = await RenewalsAsync();

        // Absence takes time to show: several more upkeep firings on both nodes, and no second renewal.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var renewals = await RenewalsAsync();
        Assert.Equal(seen.Count, renewals.Count);
        Assert.Equal(ids, renewals.Select(r => r.Path.Split('/')[^1]).Order().ToList());
        Assert.Equal(ids, (await SubscriptionsAsync()).Select(s => s.Id).Order().ToList());
        Assert.All(await SubscriptionsAsync(), s => Assert.True(s.ExpirationDateTime > DateTimeOffset.UtcNow.AddDays(6)));
    }

    private async Task<List<GraphSubscriptionInfo>> SubscriptionsAsync() =>
        [.. (await _world.Sandbox.Control.GetPushStateAsync()).GraphSubscriptions.Where(s => s.Mailbox == Mailbox)];

    private async Task<IReadOnlyList<RequestLogEntry>> RenewalsAsync() =>
        await _world.Sandbox.Control.GetRequestsAsync(method: "PATCH", pathPrefix: "/v1.0/subscriptions/");

    /// <summary>Every stored registration of the tenant now expires within the hour, as if six days had passed.</summary>
    private async Task IntoRenewalWindowAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "update synchronization.mt_doc_push_registration set data = jsonb_set(data, '{expiresAt}', to_jsonb(@at::text)) where tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("at", DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        command.Parameters.AddWithValue("tenant", Tenant);
        Assert.Equal(3, await command.ExecuteNonQueryAsync());
    }
}

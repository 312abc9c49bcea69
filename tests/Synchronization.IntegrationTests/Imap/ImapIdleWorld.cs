using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Push.Idle;
using NavusoftSync.Testing;
using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests.Imap;

/// <summary>
/// One IDLE test's world: a database of its own, hosts on it pointed at the real Dovecot (<see cref="MailServers"/>) with
/// a pool cycle of one second, the imap provider enabled for the tenant, and mailboxes linked through the contract's
/// <c>POST /api/me/links</c> with <c>provider: "imap"</c>. Quartz is on, so a wake-up's "now" trigger runs the link.
/// </summary>
internal sealed class ImapIdleWorld : IAsyncDisposable
{
    public const string Tenant = "tenant-imap-idle";
    private readonly List<NavusoftApp> _hosts = [];

    private ImapIdleWorld(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public IReadOnlyList<NavusoftApp> Hosts => _hosts;

    public static async Task<ImapIdleWorld> StartAsync(int connections = 100, int hosts = 1)
    {
        var world = new ImapIdleWorld(await PostgresServer.CreateDatabaseAsync("imapidle"));
        for (var i = 0; i < hosts; i++)
        {
            world.StartHost(connections);
        }

        var admin = world._hosts[0].ClientFor(Tokens.Admin(Tenant));
        var account = await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.example" } } });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/imap", new { enabled = true, reviewTicket = "TR-18" })).StatusCode);
        return world;
    }

    public NavusoftApp StartHost(int connections)
    {
        var settings = new Dictionary<string, string?>(MailServers.Configuration())
        {
            ["Quartz:Enabled"] = "true",
            ["Sync:IntervalSeconds"] = "3600",
            ["Sync:ImapIdleConnections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sync:ImapIdleLeaseSeconds"] = "3",
        };
        var host = new NavusoftApp(ConnectionString, settings);
        _ = host.Services; // starts the host, and with it its IDLE pool
        _hosts.Add(host);
        return host;
    }

    public static ImapIdlePool PoolOf(NavusoftApp host) => host.Services.GetRequiredService<ImapIdlePool>();

    public HttpClient User(string sub = "user-1") => _hosts[0].ClientFor(Tokens.User(Tenant, sub));

    /// <summary>Links the mailbox (IMAP over TLS; through <paramref name="port"/> instead of the server's, e.g. a proxy's): answers the link.</summary>
    public async Task<IdleLink> LinkAsync(TestMailbox mailbox, int? port = null, string sub = "user-1")
    {
        var imap = mailbox.Imap(MailSecurity.Ssl);
        var response = await User(sub).PostAsJsonAsync("/api/me/links", new
        {
            provider = "imap",
            address = mailbox.Address,
            imap = new { host = imap.Host, port = port ?? imap.Port, security = "ssl", username = imap.Username, password = imap.Password },
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var linkId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetString()!;
        return new IdleLink(Tenant, linkId);
    }

    /// <summary>The link's <c>push</c> in <c>GET /api/me/links</c>.</summary>
    public async Task<JsonElement> PushOfAsync(IdleLink link, string sub = "user-1")
    {
        var links = await User(sub).GetFromJsonAsync<JsonElement>("/api/me/links");
        return links.EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == link.LinkId).GetProperty("push");
    }

    /// <summary>The triggers of the link's runs so far (<c>GET /api/me/links/{id}/runs</c>).</summary>
    public async Task<IReadOnlyList<string>> RunTriggersAsync(IdleLink link, string sub = "user-1")
    {
        var runs = await User(sub).GetFromJsonAsync<JsonElement>($"/api/me/links/{link.LinkId}/runs?limit=50");
        return [.. runs.EnumerateArray().Select(r => r.GetProperty("trigger").GetString()!)];
    }

    /// <summary>The host whose pool watches the link with IDLE running, once one does (null when none within the time).</summary>
    public async Task<NavusoftApp?> WatcherHostAsync(IdleLink link, TimeSpan? timeout = null)
    {
        NavusoftApp? found = null;
        await StoredSync.EventuallyAsync(
            () => Task.FromResult((found = _hosts.FirstOrDefault(h => PoolOf(h).Watchers.TryGetValue(link, out var w) && w.Idling)) is not null),
            timeout ?? TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(100));
        return found;
    }

    /// <summary>The lease row of the link: its holder, when it expires and rests until, when it was claimed (null: no row).</summary>
    public async Task<(string? Holder, DateTimeOffset ExpiresAt, DateTimeOffset? RestingUntil, DateTimeOffset? ClaimedAt)?> LeaseAsync(IdleLink link)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select holder, expires_at, resting_until, claimed_at from synchronization.imap_idle_lease where tenant_id = @t and link_id = @l", connection);
        command.Parameters.AddWithValue("t", link.TenantId);
        command.Parameters.AddWithValue("l", link.LinkId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }

    /// <summary>Hands the link's lease to a host that then dies: another holder, expiring in <paramref name="in"/>; answers the expiry.</summary>
    public async Task<DateTimeOffset> HandToDeadHostAsync(IdleLink link, TimeSpan @in)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "update synchronization.imap_idle_lease set holder = 'dead-host', expires_at = now() + @in where tenant_id = @t and link_id = @l returning expires_at", connection);
        command.Parameters.AddWithValue("t", link.TenantId);
        command.Parameters.AddWithValue("l", link.LinkId);
        command.Parameters.AddWithValue("in", @in);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("The link has no lease.")));
    }

    public async Task StopHostAsync(NavusoftApp host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}

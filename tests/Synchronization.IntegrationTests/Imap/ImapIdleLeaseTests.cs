using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Push.Idle;
using NavusoftSync.Testing;
using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests.Imap;

/// <summary>
/// The IDLE leases (<see cref="ImapIdleLeases"/>) on a real database, with two holders standing for two hosts: one holder
/// per link, renewal by the holder only, takeover after expiry, release, rest, and links that stop being active imap
/// links dropping out. The host's own pool is off (<c>Sync:ImapIdleConnections=0</c>) so only the test's holders claim.
/// </summary>
public sealed class ImapIdleLeaseTests : IAsyncLifetime
{
    private const string Tenant = "tenant-idle-lease";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private string _connectionString = null!;
    private NavusoftApp _app = null!;
    private ImapIdleLeases _leases = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("idlelease");
        _app = new NavusoftApp(_connectionString, new Dictionary<string, string?> { ["Sync:ImapIdleConnections"] = "0" });
        _leases = _app.Services.GetRequiredService<ImapIdleLeases>();
        await _leases.EnsureTableAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Hosts_that_create_the_lease_table_at_the_same_moment_all_succeed()
    {
        var store = _app.Services.GetRequiredService<IDocumentStore>();
        for (var round = 0; round < 5; round++)
        {
            await using (var connection = new NpgsqlConnection(_connectionString))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand("drop table if exists synchronization.imap_idle_lease", connection);
                await drop.ExecuteNonQueryAsync();
            }

            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => new ImapIdleLeases(store).EnsureTableAsync(CancellationToken.None)));
        }

        var link = await LinkAsync("link-created");
        Assert.True(await _leases.ClaimAsync("host-a", link, Lease, CancellationToken.None));
    }

    [Fact]
    public async Task One_holder_claims_a_link_the_other_cannot_until_it_is_released()
    {
        var link = await LinkAsync("link-1");
        Assert.Equal([link], await _leases.ClaimableAsync(10, CancellationToken.None));
        Assert.True(await _leases.ClaimAsync("host-a", link, Lease, CancellationToken.None));
        Assert.False(await _leases.ClaimAsync("host-b", link, Lease, CancellationToken.None));
        Assert.Empty(await _leases.ClaimableAsync(10, CancellationToken.None));
        Assert.Equal([link], (await _leases.RenewAsync("host-a", Lease, CancellationToken.None)).Held);
        Assert.Empty((await _leases.RenewAsync("host-b", Lease, CancellationToken.None)).Held);

        await _leases.ReleaseAsync("host-b", link, CancellationToken.None); // not its lease: nothing happens
        Assert.False(await _leases.ClaimAsync("host-b", link, Lease, CancellationToken.None));
        await _leases.ReleaseAsync("host-a", link, CancellationToken.None);
        Assert.True(await _leases.ClaimAsync("host-b", link, Lease, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_and_its_old_holder_renews_nothing()
    {
        var link = await LinkAsync("link-2");
        Assert.True(await _leases.ClaimAsync("host-a", link, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.False(await _leases.ClaimAsync("host-b", link, Lease, CancellationToken.None));

        Assert.True(await StoredSync.EventuallyAsync(() => _leases.ClaimAsync("host-b", link, Lease, CancellationToken.None), TimeSpan.FromSeconds(15)));
        Assert.Equal("host-b", await HolderAsync(link));
        Assert.Empty((await _leases.RenewAsync("host-a", Lease, CancellationToken.None)).Held);
        Assert.Equal([link], (await _leases.RenewAsync("host-b", Lease, CancellationToken.None)).Held);
    }

    [Fact]
    public async Task A_resting_link_is_claimed_by_nobody_until_its_rest_ends()
    {
        var link = await LinkAsync("link-3");
        Assert.True(await _leases.ClaimAsync("host-a", link, Lease, CancellationToken.None));
        await _leases.RestAsync("host-a", link, TimeSpan.FromHours(1), CancellationToken.None);
        Assert.Empty(await _leases.ClaimableAsync(10, CancellationToken.None));
        Assert.False(await _leases.ClaimAsync("host-a", link, Lease, CancellationToken.None));
        Assert.False(await _leases.ClaimAsync("host-b", link, Lease, CancellationToken.None));
        Assert.Null(await HolderAsync(link));
    }

    [Fact]
    public async Task Links_no_longer_active_and_links_of_other_providers_are_not_claimable_and_their_leases_drop_at_renewal()
    {
        var link = await LinkAsync("link-4");
        await LinkAsync("link-5", provider: "microsoft");
        Assert.Equal([link], await _leases.ClaimableAsync(10, CancellationToken.None));
        Assert.True(await _leases.ClaimAsync("host-a", link, Lease, CancellationToken.None));

        await LinkAsync("link-4", active: false);
        var (held, inactive) = await _leases.RenewAsync("host-a", Lease, CancellationToken.None);
        Assert.Empty(held);
        Assert.Equal([link], inactive);
        Assert.Empty(await _leases.ClaimableAsync(10, CancellationToken.None));
        Assert.Null(await HolderAsync(link));
    }

    [Fact]
    public async Task The_same_link_id_in_two_tenants_is_two_leases()
    {
        var mine = await LinkAsync("link-6");
        var theirs = await LinkAsync("link-6", tenant: "tenant-idle-lease-other");
        Assert.True(await _leases.ClaimAsync("host-a", mine, Lease, CancellationToken.None));
        Assert.True(await _leases.ClaimAsync("host-b", theirs, Lease, CancellationToken.None));
        Assert.Equal([mine], (await _leases.RenewAsync("host-a", Lease, CancellationToken.None)).Held);
        Assert.Equal([theirs], (await _leases.RenewAsync("host-b", Lease, CancellationToken.None)).Held);
    }

    private async Task<IdleLink> LinkAsync(string linkId, string provider = "imap", bool active = true, string tenant = Tenant)
    {
        await using var session = _app.Services.GetRequiredService<IDocumentStore>().LightweightSession(tenant);
        session.Store(new SyncedLink(linkId, "user-1", provider, $"{linkId}@mail.test", active, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
        return new IdleLink(tenant, linkId);
    }

    private async Task<string?> HolderAsync(IdleLink link)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select holder from synchronization.imap_idle_lease where tenant_id = @t and link_id = @l", connection);
        command.Parameters.AddWithValue("t", link.TenantId);
        command.Parameters.AddWithValue("l", link.LinkId);
        return await command.ExecuteScalarAsync() as string;
    }
}

using System.Net;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.IntegrationTests.Imap;

/// <summary>
/// The IDLE pool over several links and hosts against the real Dovecot: a host never keeps more connections than
/// <c>Sync:ImapIdleConnections</c> (a slot freed by an unlink goes to a waiting link), each link is watched by one host,
/// a host that stops hands its links to another, and a lease left by a dead host is taken over once it expires.
/// </summary>
public sealed class ImapIdlePoolTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_host_watches_no_more_links_than_its_bound_and_a_freed_slot_goes_to_a_waiting_link()
    {
        await using var world = await ImapIdleWorld.StartAsync(connections: 2);
        var first = await TestMailbox.CreateAsync(CancellationToken.None);
        var second = await TestMailbox.CreateAsync(CancellationToken.None);
        var third = await TestMailbox.CreateAsync(CancellationToken.None);
        var links = new[] { await world.LinkAsync(first), await world.LinkAsync(second), await world.LinkAsync(third) };
        var pool = ImapIdleWorld.PoolOf(world.Hosts[0]);
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(pool.Watchers.Values.Count(w => w.Idling) == 2), Soon));

        // Several more cycles (one a second) claim nothing more: the waiting link has no lease at all.
        var waiting = Assert.Single(links, l => !pool.Watchers.ContainsKey(l));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(2, pool.Watchers.Count);
        Assert.Null(await world.LeaseAsync(waiting));

        var watched = links.First(l => l != waiting);
        Assert.Equal(HttpStatusCode.NoContent, (await world.User().DeleteAsync($"/api/me/links/{watched.LinkId}")).StatusCode);
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(pool.Watchers.TryGetValue(waiting, out var w) && w.Idling), Soon));
        Assert.Equal(2, pool.Watchers.Count);
    }

    [Fact]
    public async Task Of_two_hosts_one_watches_a_link_and_the_other_takes_it_over_when_the_first_stops()
    {
        await using var world = await ImapIdleWorld.StartAsync(hosts: 2);
        var mailbox = await TestMailbox.CreateAsync(CancellationToken.None);
        var link = await world.LinkAsync(mailbox);
        var holder = await world.WatcherHostAsync(link);
        Assert.NotNull(holder);
        var other = Assert.Single(world.Hosts, h => h != holder);
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more cycles of each: the other host never watches it too
        Assert.False(ImapIdleWorld.PoolOf(other).Watchers.ContainsKey(link));
        Assert.Equal(ImapIdleWorld.PoolOf(holder).Holder, (await world.LeaseAsync(link))?.Holder);

        await world.StopHostAsync(holder);

        Assert.Same(other, await world.WatcherHostAsync(link));
        Assert.Equal(ImapIdleWorld.PoolOf(other).Holder, (await world.LeaseAsync(link))?.Holder);
        await mailbox.AppendAsync("INBOX", ImapIdleTests.Message("Watched by the other host"), CancellationToken.None);
        Assert.True(await StoredSync.EventuallyAsync(async () => (await world.RunTriggersAsync(link)).Contains("push"), Soon));
    }

    [Fact]
    public async Task A_lease_left_by_a_dead_host_is_taken_over_only_once_it_expires()
    {
        await using var world = await ImapIdleWorld.StartAsync();
        var mailbox = await TestMailbox.CreateAsync(CancellationToken.None);
        var link = await world.LinkAsync(mailbox);
        Assert.NotNull(await world.WatcherHostAsync(link));
        var pool = ImapIdleWorld.PoolOf(world.Hosts[0]);

        var expiry = await world.HandToDeadHostAsync(link, TimeSpan.FromSeconds(6));

        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(!pool.Watchers.ContainsKey(link)), Soon)); // its renewal found the lease lost
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(pool.Watchers.TryGetValue(link, out var w) && w.Idling), Soon));
        var lease = await world.LeaseAsync(link);
        Assert.Equal(pool.Holder, lease?.Holder);
        Assert.True(lease?.ClaimedAt >= expiry, $"claimed at {lease?.ClaimedAt:O}, the dead host's lease expired at {expiry:O}");
    }
}

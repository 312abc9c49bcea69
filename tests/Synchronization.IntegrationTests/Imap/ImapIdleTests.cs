using System.Net;
using System.Text.Json;
using MimeKit;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Push.Idle;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.IntegrationTests.Imap;

/// <summary>
/// IMAP IDLE against the real Dovecot: a message appended to INBOX wakes the link as a push notification does (its
/// "now" trigger: a run with trigger <c>push</c>, and <c>push.lastNotificationAt</c>), a dropped connection comes back
/// and wakes the link for what changed while it was down, a refused login stops the watching, and an unlinked link is
/// no longer watched.
/// </summary>
public sealed class ImapIdleTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);
    private ImapIdleWorld _world = null!;

    public async Task InitializeAsync() => _world = await ImapIdleWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_message_appended_to_the_inbox_wakes_the_link_like_a_push_notification()
    {
        var mailbox = await TestMailbox.CreateAsync(CancellationToken.None);
        var link = await _world.LinkAsync(mailbox);
        Assert.NotNull(await _world.WatcherHostAsync(link));
        Assert.True(await StoredSync.EventuallyAsync(async () => (await _world.PushOfAsync(link)).GetProperty("status").GetString() == "Active", Soon));
        Assert.Equal(JsonValueKind.Null, (await _world.PushOfAsync(link)).GetProperty("lastNotificationAt").ValueKind);
        Assert.DoesNotContain("push", await _world.RunTriggersAsync(link));

        await mailbox.AppendAsync("INBOX", Message("Load 4471 pickup"), CancellationToken.None);

        Assert.True(await StoredSync.EventuallyAsync(async () => (await _world.RunTriggersAsync(link)).Contains("push"), Soon));
        Assert.Equal(JsonValueKind.String, (await _world.PushOfAsync(link)).GetProperty("lastNotificationAt").ValueKind);
    }

    [Fact]
    public async Task A_dropped_connection_is_opened_again_and_a_message_that_arrived_meanwhile_wakes_the_link()
    {
        var (mailbox, proxy, link, host) = await WatchedThroughProxyAsync();
        await using var ownedProxy = proxy;
        var watcher = ImapIdleWorld.PoolOf(host).Watchers[link];
        Assert.Equal(1, watcher.Sessions);

        proxy.Refusing = true;
        proxy.DropAll();
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(!watcher.Idling), Soon));
        Assert.True(await StoredSync.EventuallyAsync(async () => (await _world.PushOfAsync(link)).GetProperty("status").GetString() == "Failed", Soon));
        await mailbox.AppendAsync("INBOX", Message("Arrived while the connection was down"), CancellationToken.None);
        Assert.Equal(JsonValueKind.Null, (await _world.PushOfAsync(link)).GetProperty("lastNotificationAt").ValueKind);

        proxy.Refusing = false;
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(watcher.Idling && watcher.Sessions == 2), TimeSpan.FromSeconds(60)));
        Assert.True(await StoredSync.EventuallyAsync(async () => (await _world.RunTriggersAsync(link)).Contains("push"), Soon));
        Assert.True(await StoredSync.EventuallyAsync(async () => (await _world.PushOfAsync(link)).GetProperty("status").GetString() == "Active", Soon));
    }

    [Fact]
    public async Task A_refused_login_stops_the_watching_and_the_link_rests()
    {
        var (mailbox, proxy, link, host) = await WatchedThroughProxyAsync();
        await using var ownedProxy = proxy;

        await mailbox.SetPasswordAsync("a-new-app-password-" + Guid.NewGuid().ToString("N"));
        proxy.DropAll(); // the open session outlives the password change; the reconnect logs in again

        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(!ImapIdleWorld.PoolOf(host).Watchers.ContainsKey(link)), Soon));
        var lease = await _world.LeaseAsync(link);
        Assert.NotNull(lease);
        Assert.Null(lease.Value.Holder);
        Assert.True(lease.Value.RestingUntil > DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Equal("Off", (await _world.PushOfAsync(link)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unlinked_link_is_no_longer_watched_and_its_connection_is_closed()
    {
        var (mailbox, proxy, link, host) = await WatchedThroughProxyAsync();
        await using var ownedProxy = proxy;
        Assert.True(proxy.Open >= 1);

        Assert.Equal(HttpStatusCode.NoContent, (await _world.User().DeleteAsync($"/api/me/links/{link.LinkId}")).StatusCode);

        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(!ImapIdleWorld.PoolOf(host).Watchers.ContainsKey(link) && proxy.Open == 0), Soon));
        Assert.Null(await _world.LeaseAsync(link));
    }

    /// <summary>A fresh mailbox linked through a fault proxy in front of the real IMAP server, once a host of the world watches it.</summary>
    private async Task<(TestMailbox Mailbox, TcpFaultProxy Proxy, IdleLink Link, NavusoftApp Host)> WatchedThroughProxyAsync()
    {
        var mailbox = await TestMailbox.CreateAsync(CancellationToken.None);
        var server = mailbox.Imap();
        var proxy = TcpFaultProxy.Start(server.Host, server.Port);
        var link = await _world.LinkAsync(mailbox, proxy.Port);
        var host = await _world.WatcherHostAsync(link);
        Assert.NotNull(host);
        return (mailbox, proxy, link, host);
    }

    internal static MimeMessage Message(string subject)
    {
        var message = new MimeMessage { Subject = subject, MessageId = $"{Guid.NewGuid():N}@customer.example" };
        message.From.Add(new MailboxAddress("Pat", "pat@customer.example"));
        message.To.Add(new MailboxAddress("Office", "office@hauler.example"));
        message.Body = new TextPart("plain") { Text = "Pickup at 7." };
        return message;
    }
}

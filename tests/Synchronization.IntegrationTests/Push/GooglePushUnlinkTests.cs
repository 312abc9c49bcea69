using System.Net;
using Marten;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// Unlinking stops what the push upkeep made for a Google mailbox, read back from the sandbox: the Calendar channel always,
/// the Gmail watch only once no other link (of another tenant here) still uses it, since Gmail keeps one watch per mailbox.
/// </summary>
public sealed class GooglePushUnlinkTests : IAsyncLifetime
{
    private const string Tenant = "tenant-google-unlink";
    private const string Other = "tenant-google-unlink-b";
    private const string Mailbox = "noa@hauler.example";
    private GooglePushWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await GooglePushWorld.StartAsync(Tenant);
        await _world.AddMailboxAsync(Mailbox);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Unlinking_stops_the_channel_and_the_watch_once_no_other_link_of_the_mailbox_is_left()
    {
        var linkA = await _world.LinkAsync(Tenant, "user-1", Mailbox);
        var linkB = await _world.LinkAsync(Other, "user-2", Mailbox);
        var state = await _world.PushStateAsync();
        Assert.Single(state.GmailWatches, w => w.Mailbox == Mailbox);
        Assert.Equal(2, state.CalendarChannels.Count(c => c.Mailbox == Mailbox));

        await UnlinkAsync(Other, "user-2", linkB);
        state = await _world.PushStateAsync();
        Assert.Single(state.GmailWatches, w => w.Mailbox == Mailbox);
        Assert.Single(state.CalendarChannels, c => c.Mailbox == Mailbox);

        await UnlinkAsync(Tenant, "user-1", linkA);
        state = await _world.PushStateAsync();
        Assert.Empty(state.GmailWatches);
        Assert.Empty(state.CalendarChannels);
    }

    private async Task UnlinkAsync(string tenant, string userId, string linkId)
    {
        var response = await _world.App.ClientFor(Tokens.User(tenant, userId)).DeleteAsync($"/api/me/links/{linkId}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(await StoredSync.EventuallyAsync(async () =>
        {
            await using var query = _world.Store.QuerySession(tenant);
            return !await query.Query<PushRegistration>().AnyAsync(r => r.LinkId == linkId);
        }, TimeSpan.FromSeconds(30)), "the link's registrations are forgotten");
    }
}

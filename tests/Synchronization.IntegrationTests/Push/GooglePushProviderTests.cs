using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Push;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>The Google push provider against the sandbox: what it makes, renews and stops is read back from the sandbox's push state.</summary>
public sealed class GooglePushProviderTests : IAsyncLifetime
{
    private const string Tenant = "tenant-google-provider";
    private const string Mailbox = "robin@hauler.example";
    private GooglePushWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await GooglePushWorld.StartAsync(Tenant);
        await _world.AddMailboxAsync(Mailbox);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_gmail_watch_is_made_on_the_topic_renewed_by_watching_again_and_stopped()
    {
        Assert.Equal([PushResource.GmailMailbox, PushResource.GoogleCalendar], _world.Provider.Resources.Order());
        var target = await _world.TargetAsync(Tenant, "link-1", Mailbox);

        var grant = await _world.Provider.SubscribeAsync(target, PushResource.GmailMailbox, CancellationToken.None);

        Assert.Equal(("gmail:link-1", PushResource.GmailMailbox, null, null), (grant.Id, grant.Resource, grant.Secret, grant.ResourceId));
        var watch = Assert.Single((await _world.PushStateAsync()).GmailWatches);
        Assert.Equal((Mailbox, GooglePushWorld.Topic), (watch.Mailbox, watch.TopicName));
        Assert.Equal(watch.Expiration.ToUnixTimeMilliseconds(), grant.ExpiresAt.ToUnixTimeMilliseconds());

        var registration = Registration(grant, "link-1");
        var renewed = await _world.Provider.RenewAsync(target, registration, CancellationToken.None);
        Assert.Equal(Assert.Single((await _world.PushStateAsync()).GmailWatches).Expiration.ToUnixTimeMilliseconds(), renewed.ToUnixTimeMilliseconds());
        Assert.True(renewed >= grant.ExpiresAt);

        await _world.Provider.UnsubscribeAsync(target, registration, CancellationToken.None);
        Assert.Empty((await _world.PushStateAsync()).GmailWatches);
        Assert.Equal(0, await _world.Provider.SweepAsync(target, (_, _) => Task.FromResult<IReadOnlySet<string>>(new HashSet<string>()), CancellationToken.None));
    }

    [Fact]
    public async Task A_gmail_watch_another_link_of_the_address_shares_is_left_running_until_that_link_is_gone()
    {
        var target = await _world.TargetAsync(Tenant, "link-1", Mailbox);
        var grant = await _world.Provider.SubscribeAsync(target, PushResource.GmailMailbox, CancellationToken.None);
        await _world.StoreRouteAsync(PushRoute.For(PushRoute.GmailKey(Mailbox), Tenant, "link-1"));
        var other = PushRoute.For(PushRoute.GmailKey(Mailbox), "tenant-other", "link-9");
        await _world.StoreRouteAsync(other);

        await _world.Provider.UnsubscribeAsync(target, Registration(grant, "link-1"), CancellationToken.None);
        Assert.Single((await _world.PushStateAsync()).GmailWatches);

        await using (var session = _world.Store.LightweightSession())
        {
            session.Delete(other);
            await session.SaveChangesAsync();
        }

        await _world.Provider.UnsubscribeAsync(target, Registration(grant, "link-1"), CancellationToken.None);
        Assert.Empty((await _world.PushStateAsync()).GmailWatches);
    }

    [Fact]
    public async Task A_calendar_channel_points_at_the_webhook_with_a_fresh_token_cannot_be_renewed_and_is_stopped()
    {
        var target = await _world.TargetAsync(Tenant, "link-1", Mailbox);

        var grant = await _world.Provider.SubscribeAsync(target, PushResource.GoogleCalendar, CancellationToken.None);
        var second = await _world.Provider.SubscribeAsync(target, PushResource.GoogleCalendar, CancellationToken.None);

        var channels = (await _world.PushStateAsync()).CalendarChannels;
        var channel = Assert.Single(channels, c => c.Id == grant.Id);
        Assert.Equal(2, channels.Count);
        Assert.Equal((GooglePushWorld.CalendarWebhook, grant.Secret, grant.ResourceId), (channel.Address, channel.Token, (string?)channel.ResourceId));
        Assert.Equal(channel.Expiration.ToUnixTimeMilliseconds(), grant.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Equal(43, grant.Secret!.Length);
        Assert.NotEqual(grant.Secret, second.Secret);
        Assert.True(Guid.TryParse(grant.Id, out _));

        await Assert.ThrowsAsync<PushRegistrationGoneException>(() => _world.Provider.RenewAsync(target, Registration(grant, "link-1"), CancellationToken.None));

        await _world.Provider.UnsubscribeAsync(target, Registration(grant, "link-1"), CancellationToken.None);
        Assert.Equal([second.Id], (await _world.PushStateAsync()).CalendarChannels.Select(c => c.Id));

        // Google answers 404 for a channel it no longer has: stopping it again is done, not a failure.
        await _world.Provider.UnsubscribeAsync(target, Registration(grant, "link-1"), CancellationToken.None);

        // Each channel's first message, sync, reached the webhook (nothing routes to these channels: acknowledged all the same).
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(_world.Delivered.To("/api/webhooks/google/calendar").Count >= 2), TimeSpan.FromSeconds(20)));
        Assert.All(_world.Delivered.To("/api/webhooks/google/calendar"), d => Assert.Equal(204, d.Status));
    }

    private static PushRegistration Registration(PushGrant grant, string linkId) =>
        new(grant.Id, linkId, "google", grant.Resource, null, grant.ResourceId, grant.ExpiresAt, DateTimeOffset.UtcNow);
}

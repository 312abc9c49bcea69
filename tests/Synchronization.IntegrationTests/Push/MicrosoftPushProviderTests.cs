using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Microsoft;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// The host's Graph push provider through the real Graph SDK against the sandbox: what it creates there (asserted from the
/// sandbox's push state), renewal, deletion, and the sweep of strays. Creating a subscription makes the sandbox perform
/// the validation handshake against the host's webhooks, so every subscription here also proves the handshake.
/// </summary>
[Collection(MicrosoftPushCollection.Name)]
public sealed class MicrosoftPushProviderTests(MicrosoftPushWorld push)
{
    [Fact]
    public async Task Subscribing_creates_the_three_subscriptions_with_our_urls_a_fresh_client_state_and_the_longest_outlook_lifetime()
    {
        const string mailbox = "sub-three@hauler.example";
        await push.AddMailboxAsync(mailbox);
        var target = await push.TargetAsync(mailbox, "link-three");
        var before = DateTimeOffset.UtcNow;

        var grants = new List<PushGrant>();
        foreach (var resource in push.Provider.Resources.Order())
        {
            grants.Add(await push.Provider.SubscribeAsync(target, resource, CancellationToken.None));
        }

        Assert.Equal([PushResource.GraphInbox, PushResource.GraphSent, PushResource.GraphEvents], grants.Select(g => g.Resource));
        var state = await push.PushStateAsync();
        var live = state.GraphSubscriptions.Where(s => s.Mailbox == mailbox).ToDictionary(s => s.Id);
        Assert.Equal(grants.Select(g => g.Id).Order(), live.Keys.Order());
        Assert.Equal(
            ["me/events", "me/mailFolders('inbox')/messages", "me/mailFolders('sentitems')/messages"],
            live.Values.Select(s => s.Resource).Order(StringComparer.Ordinal));
        foreach (var grant in grants)
        {
            var subscription = live[grant.Id];
            Assert.Equal("created,updated,deleted", subscription.ChangeType);
            Assert.Equal("http://localhost/api/webhooks/microsoft", subscription.NotificationUrl);
            Assert.Equal("http://localhost/api/webhooks/microsoft/lifecycle", subscription.LifecycleNotificationUrl);
            Assert.Equal(MicrosoftPushWorld.ClientId, subscription.ClientId);
            Assert.Equal(grant.Secret, subscription.ClientState);
            Assert.Equal(43, subscription.ClientState!.Length);
            Assert.Equal(subscription.ExpirationDateTime, grant.ExpiresAt);
            Assert.InRange(subscription.ExpirationDateTime - before, TimeSpan.FromMinutes(10_070 - 30), TimeSpan.FromMinutes(10_070));
        }

        Assert.Equal(3, grants.Select(g => g.Secret).Distinct().Count());

        // The sandbox asked both URLs of each subscription for the handshake, and the host answered each.
        var handshakes = state.Deliveries.Where(d => d.Mailbox == mailbox && d.Kind == PushDeliveryKind.GraphValidation).ToList();
        Assert.Equal(6, handshakes.Count);
        Assert.All(handshakes, h => Assert.Equal(200, h.Status));
    }

    [Fact]
    public async Task Renewing_moves_the_expiry_and_a_subscription_the_sandbox_no_longer_has_is_gone()
    {
        const string mailbox = "sub-renew@hauler.example";
        await push.AddMailboxAsync(mailbox);
        var target = await push.TargetAsync(mailbox, "link-renew");

        // Subscribed an hour ago (by the provider's clock), renewed now: the expiry moves an hour on.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var provider = ProviderWith(clock);
        var grant = await provider.SubscribeAsync(target, PushResource.GraphInbox, CancellationToken.None);
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        var registration = new PushRegistration(grant.Id, "link-renew", "microsoft", grant.Resource, null, null, grant.ExpiresAt, clock.GetUtcNow());

        var renewed = await provider.RenewAsync(target, registration, CancellationToken.None);

        Assert.InRange(renewed - grant.ExpiresAt, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Equal(renewed, Assert.Single((await push.PushStateAsync()).GraphSubscriptions, s => s.Id == grant.Id).ExpirationDateTime);

        await provider.UnsubscribeAsync(target, registration, CancellationToken.None);
        await Assert.ThrowsAsync<PushRegistrationGoneException>(() => provider.RenewAsync(target, registration, CancellationToken.None));
    }

    [Fact]
    public async Task Unsubscribing_deletes_the_subscription_and_deleting_it_again_counts_as_done()
    {
        const string mailbox = "sub-delete@hauler.example";
        await push.AddMailboxAsync(mailbox);
        var target = await push.TargetAsync(mailbox, "link-delete");
        var kept = await push.Provider.SubscribeAsync(target, PushResource.GraphSent, CancellationToken.None);
        var deleted = await push.Provider.SubscribeAsync(target, PushResource.GraphInbox, CancellationToken.None);
        var registration = new PushRegistration(deleted.Id, "link-delete", "microsoft", deleted.Resource, null, null, deleted.ExpiresAt, DateTimeOffset.UtcNow);

        await push.Provider.UnsubscribeAsync(target, registration, CancellationToken.None);
        await push.Provider.UnsubscribeAsync(target, registration, CancellationToken.None);

        Assert.Equal([kept.Id], (await push.PushStateAsync()).GraphSubscriptions.Where(s => s.Mailbox == mailbox).Select(s => s.Id));
    }

    [Fact]
    public async Task The_sweep_deletes_only_our_unknown_subscriptions_and_leaves_another_apps_and_another_hosts()
    {
        const string mailbox = "sub-sweep@hauler.example";
        await push.AddMailboxAsync(mailbox);
        var target = await push.TargetAsync(mailbox, "link-sweep");
        var known = await push.Provider.SubscribeAsync(target, PushResource.GraphInbox, CancellationToken.None);
        var stray = await push.Provider.SubscribeAsync(target, PushResource.GraphSent, CancellationToken.None);
        var otherApp = await push.Provider.SubscribeAsync(await push.TargetAsync(mailbox, "link-sweep", clientId: "another-app"), PushResource.GraphEvents, CancellationToken.None);
        var otherHost = await push.Provider.SubscribeAsync(await push.TargetAsync(mailbox, "link-sweep", webhookBase: "http://localhost.other.example"), PushResource.GraphEvents, CancellationToken.None);

        var swept = await push.Provider.SweepAsync(target, (ids, _) => Task.FromResult<IReadOnlySet<string>>(ids.Where(id => id == known.Id).ToHashSet()), CancellationToken.None);

        Assert.Equal(1, swept);
        var left = (await push.PushStateAsync()).GraphSubscriptions.Where(s => s.Mailbox == mailbox).Select(s => s.Id).Order();
        Assert.Equal(new[] { known.Id, otherApp.Id, otherHost.Id }.Order(), left);
        Assert.DoesNotContain(stray.Id, left);
    }

    [Fact]
    public async Task Failures_map_as_the_readers_do_a_rejected_token_is_refreshed_once_and_a_lost_grant_is_reauth_required()
    {
        const string mailbox = "sub-faults@hauler.example";
        await push.AddMailboxAsync(mailbox);
        var control = push.World.Sandbox.Control;

        // Graph keeps answering 500: after the SDK's retries the call fails as unavailable, and nothing was made.
        await control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.ServerError, PathPrefix = "/v1.0/subscriptions", Count = 10 });
        var target = await push.TargetAsync(mailbox, "link-faults");
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => push.Provider.SubscribeAsync(target, PushResource.GraphInbox, CancellationToken.None));
        await control.ClearFaultsAsync();
        Assert.DoesNotContain((await push.PushStateAsync()).GraphSubscriptions, s => s.Mailbox == mailbox);

        // The token expires at the sandbox: Graph answers 401, the access hears of the rejected token and the one retry carries a fresh one.
        var rejected = new List<string>();
        var current = (await control.IssueTokensAsync(mailbox, new IssueTokensRequest { ClientId = MicrosoftPushWorld.ClientId })).AccessToken;
        var refreshing = new MailboxAccess(
            "link-faults",
            "microsoft",
            mailbox,
            async ct => current ??= (await control.IssueTokensAsync(mailbox, new IssueTokensRequest { ClientId = MicrosoftPushWorld.ClientId }, ct)).AccessToken,
            (token, _) =>
            {
                rejected.Add(token);
                current = null;
                return ValueTask.CompletedTask;
            });
        var stale = current;
        await control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.ExpireAccessTokens });
        var grant = await push.Provider.SubscribeAsync(target with { Access = refreshing }, PushResource.GraphInbox, CancellationToken.None);
        Assert.Equal([stale], rejected);
        Assert.Contains((await push.PushStateAsync()).GraphSubscriptions, s => s.Id == grant.Id);

        // The same for a renewal: the retried PATCH still carries the new expiry.
        await control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.ExpireAccessTokens });
        var registration = new PushRegistration(grant.Id, "link-faults", "microsoft", grant.Resource, null, null, grant.ExpiresAt, DateTimeOffset.UtcNow);
        var renewed = await push.Provider.RenewAsync(target with { Access = refreshing }, registration, CancellationToken.None);
        Assert.Equal(2, rejected.Count);
        Assert.Equal(renewed, Assert.Single((await push.PushStateAsync()).GraphSubscriptions, s => s.Id == grant.Id).ExpirationDateTime);

        // A grant the provider refused for good: the access's ReauthRequiredException reaches the caller untouched.
        var lost = target with { Access = refreshing with { GetAccessTokenAsync = _ => throw new ReauthRequiredException("invalid_grant") } };
        await Assert.ThrowsAsync<ReauthRequiredException>(() => push.Provider.SweepAsync(lost, (_, _) => Task.FromResult<IReadOnlySet<string>>(new HashSet<string>()), CancellationToken.None));
    }

    /// <summary>The host's provider with its own clock (the sandbox's clock is the real one: only the provider's "now" moves).</summary>
    private GraphPushProvider ProviderWith(TimeProvider clock) => new(
        push.App.Services.GetRequiredService<GraphSessionFactory>(),
        push.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MicrosoftGraphOptions>>(),
        clock,
        NullLogger<GraphPushProvider>.Instance);
}

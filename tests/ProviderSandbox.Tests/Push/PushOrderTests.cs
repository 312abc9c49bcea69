using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph.Models;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Push;

/// <summary>
/// A mailbox's notifications leave in the order of what caused them, whether a change (rendered in the background) or a
/// lifecycle event: one sent after a message was added neither overtakes the message's notification nor, when it
/// removes the subscription, loses it, even while the background renderer is behind.
/// </summary>
public sealed class PushOrderTests : PushTest
{
    private const string Mailbox = "anna.keller@contoso.com";
    private const string Stalled = "stalled@fabrikam.example";
    private readonly StallingSource _stall = new(Stalled);

    [Fact]
    public async Task A_lifecycle_event_leaves_after_the_notification_of_a_message_added_before_it()
    {
        var subscription = await SubscribeAsync();
        await StallRendererAsync();
        await Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = Mailbox, Kind = PushFaultKind.Drop }, Ct);
        var lost = await AddAsync("Lost");
        await SendWhileStalledAsync(subscription, GraphLifecycleEvent.ReauthorizationRequired);

        var lifecycle = await DeliveryAsync(d => d.Kind == PushDeliveryKind.GraphLifecycle);
        Assert.False(lifecycle.Dropped, "The lifecycle event overtook the message's notification and took its fault.");
        var dropped = Assert.Single((await Sandbox.Control.GetPushStateAsync(Ct)).Deliveries, d => d.Dropped);
        Assert.Equal(PushDeliveryKind.Graph, dropped.Kind);
        Assert.Contains(lost, dropped.Body, StringComparison.Ordinal);
        Assert.Contains("reauthorizationRequired", (await Receiver.NextAsync(r => r.Path == "/lifecycle" && r.Body.Length > 0, Ct)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_added_before_its_subscription_is_removed_is_still_notified_first()
    {
        var subscription = await SubscribeAsync();
        await StallRendererAsync();
        var kept = await AddAsync("Kept");
        await SendWhileStalledAsync(subscription, GraphLifecycleEvent.SubscriptionRemoved);

        await DeliveryAsync(d => d.Kind == PushDeliveryKind.GraphLifecycle);
        var kinds = (await Sandbox.Control.GetPushStateAsync(Ct)).Deliveries.Select(d => d.Kind).Where(k => k != PushDeliveryKind.GraphValidation).ToList();
        Assert.Equal([PushDeliveryKind.Graph, PushDeliveryKind.GraphLifecycle], kinds);
        Assert.Contains(kept, (await Receiver.NextAsync(r => r.Path == "/graph" && r.Body.Length > 0, Ct)).Body, StringComparison.Ordinal);
        Assert.DoesNotContain((await Sandbox.Control.GetPushStateAsync(Ct)).GraphSubscriptions, s => s.Id == subscription);
    }

    protected override void Configure(SandboxOptions options) =>
        options.ConfigureServices = services => services.AddSingleton<IPushSource>(_stall);

    private async Task<string> SubscribeAsync()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Microsoft }, Ct);
        var token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
        var subscription = await GraphClients.Create(Sandbox.GraphBaseUrl, () => token).Subscriptions.PostAsync(new Subscription
        {
            ChangeType = "created",
            NotificationUrl = Receiver.Url("/graph"),
            LifecycleNotificationUrl = Receiver.Url("/lifecycle"),
            Resource = "me/messages",
            ExpirationDateTime = Clock.GetUtcNow().AddDays(2),
            ClientState = "secret",
        }, cancellationToken: Ct);
        return subscription!.Id!;
    }

    /// <summary>Holds the renderer on another mailbox's change, so the changes published next wait behind it.</summary>
    private async Task StallRendererAsync()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Stalled, Provider = SandboxProvider.Microsoft }, Ct);
        await Sandbox.Control.AddMessageAsync(Stalled, new ScenarioMessage { Subject = "Hold", From = "bob@fabrikam.example", To = [Stalled] }, Ct);
        await _stall.Entered.WaitAsync(Ct);
    }

    /// <summary>Asks for the lifecycle event while the renderer is held, then lets it go.</summary>
    private async Task SendWhileStalledAsync(string subscription, GraphLifecycleEvent lifecycleEvent)
    {
        var sent = Sandbox.Control.SendLifecycleAsync(subscription, lifecycleEvent, Ct);
        await Task.WhenAny(sent, Task.Delay(TimeSpan.FromMilliseconds(300), Ct)); // an unordered send would be queued meanwhile
        _stall.Release();
        await sent;
    }

    private async Task<string> AddAsync(string subject) =>
        (await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = subject, From = "bob@fabrikam.example", To = [Mailbox] }, Ct)).Id;

    /// <summary>A source that holds the renderer on the first change of one mailbox until released.</summary>
    private sealed class StallingSource(string mailbox) : IPushSource
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public bool Watches(string email) => email.Equals(mailbox, StringComparison.OrdinalIgnoreCase);

        public IEnumerable<OutboundNotification> Notifications(MailboxChange change)
        {
            if (Watches(change.Email))
            {
                _entered.TrySetResult();
                _released.Task.Wait(TimeSpan.FromSeconds(20)); // the renderer is a background loop: holding its thread is the point
            }

            return [];
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph.Models;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Push;

/// <summary>
/// A mailbox's notifications leave in the order of what caused them, whether a change (rendered in the background) or a
/// notification no change causes (a lifecycle event): a lifecycle event sent after a message was added never overtakes
/// the message's notification, even while the background renderer is behind.
/// </summary>
public sealed class PushOrderTests : PushTest
{
    private const string Mailbox = "anna.keller@contoso.com";
    private const string Stalled = "stalled@fabrikam.example";
    private readonly StallingSource _stall = new(Stalled);

    [Fact]
    public async Task A_lifecycle_event_leaves_after_the_notification_of_a_message_added_before_it()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Microsoft }, Ct);
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Stalled, Provider = SandboxProvider.Microsoft }, Ct);
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

        // The renderer is held on another mailbox's change, so the message's change waits behind it.
        await Sandbox.Control.AddMessageAsync(Stalled, new ScenarioMessage { Subject = "Hold", From = "bob@fabrikam.example", To = [Stalled] }, Ct);
        await _stall.Entered.WaitAsync(Ct);
        await Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = Mailbox, Kind = PushFaultKind.Drop }, Ct);
        var lost = (await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Lost", From = "bob@fabrikam.example", To = [Mailbox] }, Ct)).Id;
        await Sandbox.Control.SendLifecycleAsync(subscription!.Id!, GraphLifecycleEvent.ReauthorizationRequired, Ct);
        _stall.Release();

        var lifecycle = await DeliveryAsync(d => d.Kind == PushDeliveryKind.GraphLifecycle);
        Assert.False(lifecycle.Dropped, "The lifecycle event overtook the message's notification and took its fault.");
        var dropped = Assert.Single((await Sandbox.Control.GetPushStateAsync(Ct)).Deliveries, d => d.Dropped);
        Assert.Equal(PushDeliveryKind.Graph, dropped.Kind);
        Assert.Contains(lost, dropped.Body, StringComparison.Ordinal);
        Assert.Contains("reauthorizationRequired", (await Receiver.NextAsync(r => r.Path == "/lifecycle" && r.Body.Length > 0, Ct)).Body, StringComparison.Ordinal);
    }

    protected override void Configure(SandboxOptions options) =>
        options.ConfigureServices = services => services.AddSingleton<IPushSource>(_stall);

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

using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Push;

/// <summary>Push faults: a dropped notification, a delayed one, a duplicate; and a reset forgets push state.</summary>
public sealed class PushFaultTests : PushTest
{
    private const string Mailbox = "anna.keller@contoso.com";
    private GraphServiceClient _graph = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Microsoft }, Ct);
        var token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
        _graph = GraphClients.Create(Sandbox.GraphBaseUrl, () => token);
        await _graph.Subscriptions.PostAsync(new Subscription
        {
            ChangeType = "created",
            NotificationUrl = Receiver.Url("/graph"),
            Resource = "me/messages",
            ExpirationDateTime = Clock.GetUtcNow().AddDays(2),
            ClientState = "secret",
        }, cancellationToken: Ct);
    }

    [Fact]
    public async Task A_dropped_notification_is_never_sent_and_is_recorded_as_dropped()
    {
        await Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = Mailbox, Kind = PushFaultKind.Drop }, Ct);

        var lost = await AddAsync("Lost");
        var next = await AddAsync("Next");
        var first = await Receiver.NextAsync(IsChange, Ct);

        Assert.Equal(next, MessageId(first));
        Assert.DoesNotContain(Receiver.Received.Where(IsChange), r => MessageId(r) == lost);
        var dropped = Assert.Single((await Sandbox.Control.GetPushStateAsync(Ct)).Deliveries, d => d.Dropped);
        Assert.Null(dropped.Status);
        Assert.Contains(lost, dropped.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delayed_notification_arrives_after_a_later_one()
    {
        await Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = Mailbox, Kind = PushFaultKind.Delay, DelayMs = 3_000 }, Ct);

        var late = await AddAsync("Late");
        var prompt = await AddAsync("Prompt");
        var first = await Receiver.NextAsync(IsChange, Ct);
        var second = await Receiver.NextAsync(IsChange, Ct);

        Assert.Equal((prompt, late), (MessageId(first), MessageId(second)));
        var delayed = await DeliveryAsync(d => d.Delayed);
        Assert.Equal(202, delayed.Status);
        Assert.Contains(late, delayed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicated_notification_arrives_twice()
    {
        await Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = Mailbox, Kind = PushFaultKind.Duplicate }, Ct);

        var twice = await AddAsync("Twice");
        var once = await AddAsync("Once");
        await Receiver.NextAsync(r => IsChange(r) && MessageId(r) == once, Ct);

        Assert.Equal([twice, twice, once], Receiver.Received.Where(IsChange).Select(MessageId));
        await DeliveryAsync(d => d.Kind == PushDeliveryKind.Graph && d.Body!.Contains(once, StringComparison.Ordinal));
        var records = (await Sandbox.Control.GetPushStateAsync(Ct)).Deliveries.Where(d => d.Kind == PushDeliveryKind.Graph).ToList();
        Assert.Equal([false, true, false], records.Select(r => r.Duplicate));
    }

    [Fact]
    public async Task Faults_hit_only_their_mailbox_and_count_down()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "ben.ortiz@contoso.com", Provider = SandboxProvider.Microsoft }, Ct);
        await Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = "ben.ortiz@contoso.com", Kind = PushFaultKind.Drop, Count = 5 }, Ct);
        await Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = Mailbox, Kind = PushFaultKind.Drop, Count = 2 }, Ct);

        await AddAsync("One");
        await AddAsync("Two");
        var three = await AddAsync("Three");

        Assert.Equal(three, MessageId(await Receiver.NextAsync(IsChange, Ct)));
        Assert.Equal(2, (await Sandbox.Control.GetPushStateAsync(Ct)).Deliveries.Count(d => d.Dropped));
    }

    [Fact]
    public async Task Reset_forgets_graph_and_pubsub_subscriptions_and_deliveries()
    {
        await AddAsync("Before reset");
        await DeliveryAsync(d => d.Kind == PushDeliveryKind.Graph);
        await Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription { Topic = "projects/p/topics/t", PushEndpoint = Receiver.Url("/gmail"), ServiceAccountEmail = "sa@p.iam.gserviceaccount.com" }, Ct);

        await Sandbox.Control.ResetAsync(Ct);

        var state = await Sandbox.Control.GetPushStateAsync(Ct);
        Assert.Empty(state.GraphSubscriptions);
        Assert.Empty(state.Deliveries);
        Assert.Empty(await Sandbox.Control.GetPubSubSubscriptionsAsync(Ct));
        var unknown = await Assert.ThrowsAsync<HttpRequestException>(() => Sandbox.Control.SendLifecycleAsync(Guid.NewGuid().ToString(), GraphLifecycleEvent.Missed, Ct));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<string> AddAsync(string subject) =>
        (await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = subject, From = "bob@fabrikam.example", To = [Mailbox] }, Ct)).Id;

    private static bool IsChange(ReceivedRequest request) => request.Path == "/graph" && request.Body.Length > 0;

    private static string MessageId(ReceivedRequest request) =>
        JsonNode.Parse(request.Body)!["value"]![0]!["resourceData"]!["id"]!.GetValue<string>();
}

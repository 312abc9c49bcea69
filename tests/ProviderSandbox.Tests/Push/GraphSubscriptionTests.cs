using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Push;

/// <summary>Graph <c>/subscriptions</c> through the real Graph SDK, with a real receiver answering the validation handshake.</summary>
public sealed class GraphSubscriptionTests : PushTest
{
    private const string Mailbox = "anna.keller@contoso.com";
    private const string Inbox = "me/mailFolders('inbox')/messages";
    private GraphServiceClient _graph = null!;
    private string _token = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Microsoft }, Ct);
        await RenewTokenAsync();
        _graph = GraphClients.Create(Sandbox.GraphBaseUrl, () => _token);
    }

    [Fact]
    public async Task Create_validates_both_endpoints_then_answers_the_subscription()
    {
        var expiration = Clock.GetUtcNow().AddMinutes(4_000);

        var created = await CreateAsync(Inbox, "created,updated,deleted", expiration);

        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.Equal(Inbox, created.Resource);
        Assert.Equal("sandbox-client", created.ApplicationId);
        Assert.Equal("created,updated,deleted", created.ChangeType);
        Assert.Equal("state-secret", created.ClientState);
        Assert.Equal(Receiver.Url("/graph"), created.NotificationUrl);
        Assert.Equal(Receiver.Url("/graph/lifecycle"), created.LifecycleNotificationUrl);
        Assert.Equal(expiration, created.ExpirationDateTime);
        Assert.Equal("v1_2", created.LatestSupportedTlsVersion);
        var validations = Receiver.Received.Where(r => r.Query.ContainsKey("validationToken")).ToList();
        Assert.Equal(["/graph", "/graph/lifecycle"], validations.Select(v => v.Path));
        Assert.All(validations, v => Assert.Equal("POST", v.Method));
        Assert.All(validations, v => Assert.StartsWith("text/plain", v.Header("Content-Type"), StringComparison.Ordinal));
        Assert.All(validations, v => Assert.Empty(v.Body));
        Assert.All(validations, v => Assert.Contains("Validation: ", v.Query["validationToken"], StringComparison.Ordinal));
        var state = await Sandbox.Control.GetPushStateAsync(Ct);
        var stored = Assert.Single(state.GraphSubscriptions);
        Assert.Equal((created.Id, Mailbox, "sandbox-client"), (stored.Id, stored.Mailbox, stored.ClientId));
        Assert.Equal(2, state.Deliveries.Count(d => d.Kind == PushDeliveryKind.GraphValidation && d.Status == 200));
    }

    [Theory]
    [InlineData(ValidationAnswer.WrongToken)]
    [InlineData(ValidationAnswer.JsonContentType)]
    [InlineData(ValidationAnswer.ServerError)]
    public async Task A_failed_handshake_answers_400_and_stores_nothing(ValidationAnswer answer)
    {
        Receiver.Validation = answer;

        var error = await Assert.ThrowsAsync<ODataError>(() => CreateAsync(Inbox, "created", Clock.GetUtcNow().AddDays(2)));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal(
            "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
            error.Error!.Message);
        Assert.Empty((await Sandbox.Control.GetPushStateAsync(Ct)).GraphSubscriptions);
        Assert.Empty((await _graph.Subscriptions.GetAsync(cancellationToken: Ct))!.Value!);
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_the_handshake()
    {
        var closed = new Subscription
        {
            ChangeType = "created",
            NotificationUrl = "http://127.0.0.1:9/nothing-listens-here",
            Resource = Inbox,
            ExpirationDateTime = Clock.GetUtcNow().AddDays(1),
        };

        var error = await Assert.ThrowsAsync<ODataError>(() => _graph.Subscriptions.PostAsync(closed, cancellationToken: Ct));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Empty((await Sandbox.Control.GetPushStateAsync(Ct)).GraphSubscriptions);
    }

    [Fact]
    public async Task Lifetimes_beyond_10070_minutes_or_in_the_past_are_refused_on_create_and_renew()
    {
        var tooLong = await Assert.ThrowsAsync<ODataError>(() => CreateAsync(Inbox, "created", Clock.GetUtcNow().AddMinutes(10_071)));
        var past = await Assert.ThrowsAsync<ODataError>(() => CreateAsync(Inbox, "created", Clock.GetUtcNow().AddMinutes(-1)));
        var created = await CreateAsync(Inbox, "created", Clock.GetUtcNow().AddMinutes(10_070));

        Assert.Equal((400, "ExtensionError"), (tooLong.ResponseStatusCode, tooLong.Error!.Code));
        Assert.Equal("Subscription expiration can only be 10070 minutes in the future.", tooLong.Error.Message);
        Assert.Equal(400, past.ResponseStatusCode);
        var renewTooLong = await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Subscriptions[created.Id].PatchAsync(new Subscription { ExpirationDateTime = Clock.GetUtcNow().AddMinutes(10_071) }, cancellationToken: Ct));
        Assert.Equal((400, "ExtensionError"), (renewTooLong.ResponseStatusCode, renewTooLong.Error!.Code));

        Clock.Advance(TimeSpan.FromDays(5));
        await RenewTokenAsync();
        var renewedTo = Clock.GetUtcNow().AddMinutes(10_000);
        var renewed = await _graph.Subscriptions[created.Id].PatchAsync(new Subscription { ExpirationDateTime = renewedTo }, cancellationToken: Ct);

        Assert.Equal(renewedTo, renewed!.ExpirationDateTime);
        Assert.Equal(renewedTo, (await _graph.Subscriptions[created.Id].GetAsync(cancellationToken: Ct))!.ExpirationDateTime);
    }

    [Fact]
    public async Task Messages_added_and_deleted_in_the_inbox_notify_with_the_client_state()
    {
        var subscription = await CreateAsync(Inbox, "created,deleted", Clock.GetUtcNow().AddDays(2));
        var sent = await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Sent by Anna", From = Mailbox, To = ["bob@fabrikam.example"] }, Ct);
        var received = await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Order", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);

        var first = Single(await Receiver.NextAsync(IsChange, Ct));

        Assert.Equal("sentitems", sent.Folder);
        Assert.Equal(received.Id, first["resourceData"]!["id"]!.GetValue<string>());
        Assert.Equal("created", first["changeType"]!.GetValue<string>());
        Assert.Equal("state-secret", first["clientState"]!.GetValue<string>());
        Assert.Equal(subscription.Id, first["subscriptionId"]!.GetValue<string>());
        var userId = (await _graph.Me.GetAsync(cancellationToken: Ct))!.Id;
        Assert.Equal($"Users/{userId}/Messages/{received.Id}", first["resource"]!.GetValue<string>());
        Assert.Equal($"Users/{userId}/Messages/{received.Id}", first["resourceData"]!["@odata.id"]!.GetValue<string>());
        Assert.Equal("#Microsoft.Graph.Message", first["resourceData"]!["@odata.type"]!.GetValue<string>());
        Assert.StartsWith("W/\"", first["resourceData"]!["@odata.etag"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(first["tenantId"]!.GetValue<string>()));
        Assert.Equal(subscription.ExpirationDateTime, DateTimeOffset.Parse(first["subscriptionExpirationDateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        await Sandbox.Control.DeleteMessageAsync(Mailbox, received.Id, ct: Ct);
        var deleted = Single(await Receiver.NextAsync(IsChange, Ct));

        Assert.Equal(("deleted", received.Id), (deleted["changeType"]!.GetValue<string>(), deleted["resourceData"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_bulk_add_arrives_as_one_batch_and_a_change_type_not_subscribed_is_not_sent()
    {
        await CreateAsync("/me/messages", "created", Clock.GetUtcNow().AddDays(2));
        var existing = await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Before", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        Assert.Single(Values(await Receiver.NextAsync(IsChange, Ct)));

        await Sandbox.Control.DeleteMessageAsync(Mailbox, existing.Id, ct: Ct);
        await Sandbox.Control.AddMessagesAsync(Mailbox, [.. Enumerable.Range(1, 3).Select(i => new ScenarioMessage
        {
            Subject = $"Bulk {i}", Thread = "bulk", From = "bob@fabrikam.example", To = [Mailbox],
        })], Ct);

        var batch = Values(await Receiver.NextAsync(IsChange, Ct));
        Assert.Equal(3, batch.Count);
        Assert.All(batch, n => Assert.Equal("created", n!["changeType"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Event_changes_notify_an_events_subscription_with_event_resources()
    {
        var userId = (await _graph.Me.GetAsync(cancellationToken: Ct))!.Id;
        await CreateAsync($"users/{Mailbox}/events", "created,updated,deleted", Clock.GetUtcNow().AddDays(2));
        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Mail only", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        var meeting = await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Review", Start = Clock.GetUtcNow().AddDays(1), End = Clock.GetUtcNow().AddDays(1).AddHours(1) }, Ct);

        var created = Single(await Receiver.NextAsync(IsChange, Ct));
        await Sandbox.Control.CancelEventAsync(Mailbox, meeting.Id, Ct);
        var cancelled = Single(await Receiver.NextAsync(IsChange, Ct));

        Assert.Equal(("created", $"Users/{userId}/Events/{meeting.Id}"), (created["changeType"]!.GetValue<string>(), created["resource"]!.GetValue<string>()));
        Assert.Equal("#Microsoft.Graph.Event", created["resourceData"]!["@odata.type"]!.GetValue<string>());
        Assert.Equal("updated", cancelled["changeType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lifecycle_events_reach_the_lifecycle_url_and_subscription_removed_deletes_it()
    {
        var subscription = await CreateAsync(Inbox, "created", Clock.GetUtcNow().AddDays(2));

        await Sandbox.Control.SendLifecycleAsync(subscription.Id!, GraphLifecycleEvent.ReauthorizationRequired, Ct);
        var reauthorize = Single(await Receiver.NextAsync(r => r.Path == "/graph/lifecycle" && r.Body.Length > 0, Ct));
        await Sandbox.Control.SendLifecycleAsync(subscription.Id!, GraphLifecycleEvent.Missed, Ct);
        var missed = Single(await Receiver.NextAsync(r => r.Path == "/graph/lifecycle" && r.Body.Length > 0, Ct));
        await Sandbox.Control.SendLifecycleAsync(subscription.Id!, GraphLifecycleEvent.SubscriptionRemoved, Ct);
        var removed = Single(await Receiver.NextAsync(r => r.Path == "/graph/lifecycle" && r.Body.Length > 0, Ct));

        Assert.Equal("reauthorizationRequired", reauthorize["lifecycleEvent"]!.GetValue<string>());
        Assert.Equal((subscription.Id, "state-secret"), (reauthorize["subscriptionId"]!.GetValue<string>(), reauthorize["clientState"]!.GetValue<string>()));
        Assert.NotNull(reauthorize["tenantId"]);
        Assert.NotNull(reauthorize["subscriptionExpirationDateTime"]);
        Assert.Equal("missed", missed["lifecycleEvent"]!.GetValue<string>());
        Assert.Equal("subscriptionRemoved", removed["lifecycleEvent"]!.GetValue<string>());
        var gone = await Assert.ThrowsAsync<ODataError>(() => _graph.Subscriptions[subscription.Id].GetAsync(cancellationToken: Ct));
        Assert.Equal((404, "ResourceNotFound"), (gone.ResponseStatusCode, gone.Error!.Code));
    }

    [Fact]
    public async Task An_expired_subscription_is_gone_and_sends_nothing()
    {
        var shortLived = await CreateAsync(Inbox, "created", Clock.GetUtcNow().AddHours(1), "/graph/short");
        var forced = await CreateAsync(Inbox, "created", Clock.GetUtcNow().AddDays(3), "/graph/forced");
        var marker = await CreateAsync(Inbox, "created", Clock.GetUtcNow().AddDays(3), "/graph/marker");

        Clock.Advance(TimeSpan.FromHours(2));
        await RenewTokenAsync();
        await Sandbox.Control.ExpirePushAsync(forced.Id!, Ct);
        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "After expiry", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        await Receiver.NextAsync(r => r.Path == "/graph/marker" && r.Body.Length > 0, Ct);

        Assert.DoesNotContain(Receiver.Received, r => r.Path is "/graph/short" or "/graph/forced" && r.Body.Length > 0);
        Assert.Equal([marker.Id], (await Sandbox.Control.GetPushStateAsync(Ct)).GraphSubscriptions.Select(s => s.Id));
        foreach (var id in new[] { shortLived.Id, forced.Id })
        {
            var error = await Assert.ThrowsAsync<ODataError>(() => _graph.Subscriptions[id].DeleteAsync(cancellationToken: Ct));
            Assert.Equal((404, "ResourceNotFound"), (error.ResponseStatusCode, error.Error!.Code));
        }
    }

    [Fact]
    public async Task Another_apps_or_another_mailboxs_subscription_id_answers_404()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = "ben.ortiz@contoso.com", Provider = SandboxProvider.Microsoft }, Ct);
        var subscription = await CreateAsync(Inbox, "created", Clock.GetUtcNow().AddDays(2));
        var otherApp = await GraphForAsync(Mailbox, "other-app");
        var otherMailbox = await GraphForAsync("ben.ortiz@contoso.com", "sandbox-client");

        foreach (var stranger in new[] { otherApp, otherMailbox })
        {
            var get = await Assert.ThrowsAsync<ODataError>(() => stranger.Subscriptions[subscription.Id].GetAsync(cancellationToken: Ct));
            var patch = await Assert.ThrowsAsync<ODataError>(() => stranger.Subscriptions[subscription.Id].PatchAsync(
                new Subscription { ExpirationDateTime = Clock.GetUtcNow().AddDays(1) }, cancellationToken: Ct));
            var delete = await Assert.ThrowsAsync<ODataError>(() => stranger.Subscriptions[subscription.Id].DeleteAsync(cancellationToken: Ct));
            Assert.All(new[] { get, patch, delete }, e => Assert.Equal((404, "ResourceNotFound"), (e.ResponseStatusCode, e.Error!.Code)));
            Assert.Empty((await stranger.Subscriptions.GetAsync(cancellationToken: Ct))!.Value!);
        }

        var own = await _graph.Subscriptions.GetAsync(cancellationToken: Ct);
        Assert.Equal([subscription.Id], own!.Value!.Select(s => s.Id));
        await _graph.Subscriptions[subscription.Id].DeleteAsync(cancellationToken: Ct);
        Assert.Empty((await Sandbox.Control.GetPushStateAsync(Ct)).GraphSubscriptions);
    }

    [Fact]
    public async Task Another_users_resource_and_unknown_resources_are_refused()
    {
        var otherUser = await Assert.ThrowsAsync<ODataError>(() => CreateAsync("users/ben.ortiz@contoso.com/messages", "created", Clock.GetUtcNow().AddDays(1)));
        var unknown = await Assert.ThrowsAsync<ODataError>(() => CreateAsync("me/contacts", "created", Clock.GetUtcNow().AddDays(1)));
        var badChange = await Assert.ThrowsAsync<ODataError>(() => CreateAsync(Inbox, "created,moved", Clock.GetUtcNow().AddDays(1)));

        Assert.Equal(403, otherUser.ResponseStatusCode);
        Assert.Equal(400, unknown.ResponseStatusCode);
        Assert.Equal(400, badChange.ResponseStatusCode);
        Assert.DoesNotContain(Receiver.Received, r => r.Query.ContainsKey("validationToken"));
    }

    [Fact]
    public async Task A_failed_notification_is_retried_and_each_attempt_recorded()
    {
        await CreateAsync(Inbox, "created", Clock.GetUtcNow().AddDays(2));
        Receiver.AnswerNextWith(500, 503);

        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Retried", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        var third = await DeliveryAsync(d => d.Kind == PushDeliveryKind.Graph && d.Attempt == 3);

        Assert.Equal(202, third.Status);
        var attempts = (await Sandbox.Control.GetPushStateAsync(Ct)).Deliveries.Where(d => d.Kind == PushDeliveryKind.Graph).ToList();
        Assert.Equal([(1, (int?)500), (2, 503), (3, 202)], attempts.Select(a => (a.Attempt, a.Status)));
        Assert.Equal(3, Receiver.Received.Count(IsChange));
        Assert.Single(Receiver.Received.Where(IsChange).Select(r => r.Body).Distinct());
    }

    private async Task<Subscription> CreateAsync(string resource, string changeType, DateTimeOffset expiration, string path = "/graph") =>
        (await _graph.Subscriptions.PostAsync(
            new Subscription
            {
                ChangeType = changeType,
                NotificationUrl = Receiver.Url(path),
                LifecycleNotificationUrl = Receiver.Url(path + "/lifecycle"),
                Resource = resource,
                ExpirationDateTime = expiration,
                ClientState = "state-secret",
            },
            cancellationToken: Ct))!;

    /// <summary>Access tokens live an hour on the sandbox clock: a test that moves the clock takes a new one.</summary>
    private async Task RenewTokenAsync() => _token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;

    private async Task<GraphServiceClient> GraphForAsync(string mailbox, string clientId)
    {
        var token = (await Sandbox.Control.IssueTokensAsync(mailbox, new IssueTokensRequest { ClientId = clientId }, Ct)).AccessToken;
        return GraphClients.Create(Sandbox.GraphBaseUrl, () => token);
    }

    private static bool IsChange(ReceivedRequest request) => request.Path == "/graph" && request.Body.Length > 0;

    private static JsonArray Values(ReceivedRequest request) => JsonNode.Parse(request.Body)!["value"]!.AsArray();

    private static JsonNode Single(ReceivedRequest request) => Assert.Single(Values(request))!;
}

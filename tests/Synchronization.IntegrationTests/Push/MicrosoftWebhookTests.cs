using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// The Graph webhooks over the real host: the validation handshake, a change notification with the right clientState
/// waking a run whose mail reaches the user's calendar (the sandbox notifies the host itself), and every forged or broken
/// request doing nothing but its status and its count. "Woken" is read from the link's push heartbeat, which a wake-up
/// writes before the webhook answers: its absence after the answer means nothing was woken.
/// </summary>
[Collection(MicrosoftPushCollection.Name)]
public sealed class MicrosoftWebhookTests(MicrosoftPushWorld push)
{
    private const string Changes = "/api/webhooks/microsoft";
    private const string Lifecycle = "/api/webhooks/microsoft/lifecycle";
    private const string OtherTenant = "tenant-graph-push-other";

    [Theory]
    [InlineData(Changes)]
    [InlineData(Lifecycle)]
    public async Task The_validation_token_is_answered_decoded_as_text_plain_and_a_bad_one_is_refused(string path)
    {
        using var counter = push.CountNotifications();
        var client = push.App.CreateClient();
        const string token = "Validation: Testing client application reachability for subscription Request-Id: 7e8c1a/+=&?";

        var answer = await client.PostAsync($"{path}?validationToken={Uri.EscapeDataString(token)}", new StringContent(string.Empty, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/plain", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(token, await answer.Content.ReadAsStringAsync());
        Assert.Equal(0, counter.Total);

        // Anonymous: a bearer token that is no Navusoft token changes nothing.
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"{path}?validationToken=hello");
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal("hello", await (await client.SendAsync(forged)).Content.ReadAsStringAsync());

        string[] refused = [new string('a', 1025), "line\nbreak", "nul\0", string.Empty];
        foreach (var bad in refused)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"{path}?validationToken={Uri.EscapeDataString(bad)}", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"{path}?validationToken=a&validationToken=b", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{path}?validationToken={new string('b', 1024)}", null)).StatusCode);
        Assert.Equal(refused.Length + 1, counter[NotificationOutcome.Malformed]);
    }

    [Fact]
    public async Task A_notification_with_the_right_client_state_wakes_a_push_run_and_the_new_mail_reaches_the_users_calendar()
    {
        var (user, linkId, mailbox) = await LinkAsync("pushed");
        var target = await push.TargetAsync(mailbox, linkId);
        await push.StoreAsync(MicrosoftPushWorld.Tenant, linkId, await push.Provider.SubscribeAsync(target, PushResource.GraphInbox, CancellationToken.None));
        using var counter = push.CountNotifications();

        const string subject = "Pickup moved to Friday";
        await push.World.Sandbox.Control.AddMessageAsync(mailbox, new ScenarioMessage { Subject = subject, From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        await EventuallyAsync(async () => (await RunsAsync(user, linkId)).Any(r => r is { Trigger: "push", Finished: true }), "a finished run with trigger push");
        await EventuallyAsync(async () => (await CalendarTitlesAsync(user)).Contains(subject), "the pushed mail on the user's calendar");
        Assert.NotNull(await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, linkId));
        Assert.True(counter[NotificationOutcome.Accepted] >= 1);
        var delivered = (await push.PushStateAsync()).Deliveries.Where(d => d.Mailbox == mailbox && d.Kind == PushDeliveryKind.Graph).ToList();
        Assert.NotEmpty(delivered);
        Assert.All(delivered, d => Assert.Equal(202, d.Status));
    }

    [Fact]
    public async Task Wrong_client_states_unknown_ids_and_another_tenants_secret_wake_nothing_and_are_counted()
    {
        var a = await StoreMadeUpAsync(MicrosoftPushWorld.Tenant, "link-forged-a");
        var b = await StoreMadeUpAsync(OtherTenant, "link-forged-b");
        using var counter = push.CountNotifications();

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Changes, Notification(a.Id, "not-the-secret")));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Changes, Notification(a.Id, null)));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Changes, Notification(a.Id, b.Secret)));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Changes, Notification(b.Id, a.Secret)));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Lifecycle, Notification(a.Id, b.Secret, "missed")));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Changes, Notification(Guid.NewGuid().ToString(), a.Secret)));

        Assert.Equal(5, counter[NotificationOutcome.BadSecret]);
        Assert.Equal(1, counter[NotificationOutcome.UnknownId]);
        Assert.Equal(0, counter[NotificationOutcome.Accepted]);
        Assert.Null(await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, "link-forged-a"));
        Assert.Null(await push.HeartbeatAsync(OtherTenant, "link-forged-b"));

        // The same requests with each registration's own secret do wake: the refusals above were the secrets'.
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Changes, Notification(a.Id, a.Secret)));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Changes, Notification(b.Id, b.Secret)));
        Assert.Equal(2, counter[NotificationOutcome.Accepted]);
        Assert.NotNull(await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, "link-forged-a"));
        Assert.NotNull(await push.HeartbeatAsync(OtherTenant, "link-forged-b"));
    }

    [Theory]
    [InlineData(Changes)]
    [InlineData(Lifecycle)]
    public async Task Unreadable_bodies_answer_400_or_413_and_unreadable_items_are_acknowledged(string path)
    {
        var a = await StoreMadeUpAsync(MicrosoftPushWorld.Tenant, "link-broken" + path.Length);
        using var counter = push.CountNotifications();

        string[] unreadable = ["{\"value\": [", "not json", "[]", "{}", "{\"value\": {}}", "{\"value\": null}", string.Empty, "\"value\""];
        foreach (var body in unreadable)
        {
            Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(path, body));
        }

        var huge = "{\"value\": [" + string.Join(',', Enumerable.Repeat($"{{\"subscriptionId\": \"{a.Id}\", \"clientState\": \"{a.Secret}\"}}", 20_000)) + "]}";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(path, huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(path, new UnannouncedContent(Encoding.UTF8.GetBytes(huge))));
        var deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(path, "{\"value\": " + deep + "}"));

        var items = $"{{\"value\": [1, \"x\", null, {{\"subscriptionId\": 5}}, {{\"subscriptionId\": \"{new string('x', 200)}\"}}, {{\"subscriptionId\": \"a\\u0000b\"}}]}}";
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(path, items));

        Assert.Equal(unreadable.Length + 3 + 6, counter[NotificationOutcome.Malformed]);
        Assert.Equal(unreadable.Length + 3 + 6, counter.Total);
        Assert.Null(await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, "link-broken" + path.Length));
    }

    [Fact]
    public async Task A_thousand_items_are_checked_only_up_to_the_cap_and_wake_nothing_beyond_it()
    {
        var a = await StoreMadeUpAsync(MicrosoftPushWorld.Tenant, "link-flood");
        using var counter = push.CountNotifications();

        // 999 unknown subscriptions, then a real one: the cap of distinct checks is spent before it is reached.
        var items = Enumerable.Range(0, 999).Select(_ => Item(Guid.NewGuid().ToString(), "guess")).Append(Item(a.Id, a.Secret));
        var flood = JsonSerializer.Serialize(new { value = items });

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Changes, flood));

        Assert.Equal(100, counter[NotificationOutcome.UnknownId]);
        Assert.Equal(100, counter.Total);
        Assert.Null(await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, "link-flood"));

        // A thousand items of one real subscription are one check and one wake-up.
        var same = JsonSerializer.Serialize(new { value = Enumerable.Repeat(Item(a.Id, a.Secret), 1_000) });
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Changes, same));
        Assert.Equal(1_000, counter[NotificationOutcome.Accepted]);
        Assert.NotNull(await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, "link-flood"));
    }

    [Fact]
    public async Task Missed_runs_a_delta()
    {
        var (user, linkId, mailbox) = await LinkAsync("missed");
        var id = await UpkeptSubscriptionAsync(mailbox);
        Assert.Null(await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, linkId));

        await push.SendLifecycleAsync(id, GraphLifecycleEvent.Missed);

        await EventuallyAsync(async () => await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, linkId) is not null, "the link woken");
        await EventuallyAsync(async () => (await RunsAsync(user, linkId)).Any(r => r is { Trigger: "push", Finished: true }), "a finished run with trigger push");
        Assert.True((await push.RegistrationAsync(MicrosoftPushWorld.Tenant, id))!.IsLive);
    }

    [Fact]
    public async Task Reauthorization_required_asks_for_a_renewal_and_wakes_nothing()
    {
        const string mailbox = "reauth@hauler.example";
        await push.AddMailboxAsync(mailbox);
        var grant = await push.Provider.SubscribeAsync(await push.TargetAsync(mailbox, "link-reauth"), PushResource.GraphInbox, CancellationToken.None);
        await push.StoreAsync(MicrosoftPushWorld.Tenant, "link-reauth", grant);

        await push.SendLifecycleAsync(grant.Id, GraphLifecycleEvent.ReauthorizationRequired);

        await EventuallyAsync(async () => (await push.RegistrationAsync(MicrosoftPushWorld.Tenant, grant.Id))!.RenewRequested, "the registration marked for renewal");
        var registration = (await push.RegistrationAsync(MicrosoftPushWorld.Tenant, grant.Id))!;
        Assert.False(registration.Gone);
        Assert.Null(await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, "link-reauth"));
    }

    [Fact]
    public async Task Subscription_removed_has_the_registration_made_again_and_runs_a_delta()
    {
        var (user, linkId, mailbox) = await LinkAsync("removed");
        var id = await UpkeptSubscriptionAsync(mailbox);

        await push.SendLifecycleAsync(id, GraphLifecycleEvent.SubscriptionRemoved);

        // Marked gone, the registration is forgotten by the upkeep that the notification fired, which makes the link's three again.
        await EventuallyAsync(async () => await push.RegistrationAsync(MicrosoftPushWorld.Tenant, id) is null, "the removed registration forgotten");
        await EventuallyAsync(
            async () => (await push.PushStateAsync()).GraphSubscriptions.Where(s => s.Mailbox == mailbox).Select(s => s.Id).ToList() is { Count: 3 } ids && !ids.Contains(id),
            "three subscriptions made again");
        await EventuallyAsync(async () => await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, linkId) is not null, "the link woken");
        await EventuallyAsync(async () => (await RunsAsync(user, linkId)).Any(r => r is { Trigger: "push", Finished: true }), "a finished run with trigger push");
    }

    [Fact]
    public async Task An_unknown_lifecycle_event_is_acknowledged_and_counted_malformed()
    {
        var a = await StoreMadeUpAsync(MicrosoftPushWorld.Tenant, "link-odd-event");
        using var counter = push.CountNotifications();

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Lifecycle, Notification(a.Id, a.Secret, "somethingElse")));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Lifecycle, Notification(a.Id, a.Secret, null)));

        Assert.Equal(2, counter[NotificationOutcome.Malformed]);
        var registration = (await push.RegistrationAsync(MicrosoftPushWorld.Tenant, a.Id))!;
        Assert.False(registration.RenewRequested || registration.Gone);
        Assert.Null(await push.HeartbeatAsync(MicrosoftPushWorld.Tenant, "link-odd-event"));
    }

    /// <summary>A registration and route stored as the upkeep would, for a subscription id and secret made up here (no link job behind it).</summary>
    private async Task<(string Id, string Secret)> StoreMadeUpAsync(string tenant, string linkId)
    {
        var grant = new PushGrant(Guid.NewGuid().ToString(), PushResource.GraphInbox, PushSecrets.NewSecret(), null, DateTimeOffset.UtcNow.AddDays(3));
        await push.StoreAsync(tenant, linkId, grant);
        return (grant.Id, grant.Secret!);
    }

    /// <summary>A mailbox linked by its own user through the real OAuth flow, its first run finished.</summary>
    private async Task<(HttpClient User, string LinkId, string Mailbox)> LinkAsync(string name)
    {
        var mailbox = $"{name}@hauler.example";
        await push.AddMailboxAsync(mailbox);
        var user = push.App.ClientFor(Tokens.User(MicrosoftPushWorld.Tenant, "user-" + name));
        var linkId = await push.World.LinkAsync(user, "microsoft", mailbox);
        await EventuallyAsync(async () => (await RunsAsync(user, linkId)).Any(r => r.Finished), "the link's first run");
        return (user, linkId, mailbox);
    }

    /// <summary>One of the three subscriptions the link's upkeep made at the sandbox, once all three are there.</summary>
    private async Task<string> UpkeptSubscriptionAsync(string mailbox)
    {
        await EventuallyAsync(async () => (await push.PushStateAsync()).GraphSubscriptions.Count(s => s.Mailbox == mailbox) == 3, "the upkeep's three subscriptions");
        var id = (await push.PushStateAsync()).GraphSubscriptions.First(s => s.Mailbox == mailbox).Id;
        await EventuallyAsync(async () => await push.RegistrationAsync(MicrosoftPushWorld.Tenant, id) is not null, "the subscription stored");
        return id;
    }

    private Task<HttpStatusCode> PostAsync(string path, string body) => PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<HttpStatusCode> PostAsync(string path, HttpContent body)
    {
        var response = await push.App.CreateClient().PostAsync(path, body);
        Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
        return response.StatusCode;
    }

    private static object Item(string subscriptionId, string? clientState, string? lifecycleEvent = null) => new
    {
        subscriptionId,
        clientState,
        changeType = "created",
        resource = "Users/0/Messages/AAMk",
        subscriptionExpirationDateTime = "2026-12-08T00:00:00Z",
        tenantId = "00000000-0000-0000-0000-000000000000",
        lifecycleEvent,
    };

    private static string Notification(string subscriptionId, string? clientState, string? lifecycleEvent = null) =>
        JsonSerializer.Serialize(new { value = new[] { Item(subscriptionId, clientState, lifecycleEvent) } });

    private static async Task<IReadOnlyList<(string? Trigger, bool Finished)>> RunsAsync(HttpClient user, string linkId)
    {
        var response = await user.GetAsync($"/api/me/links/{linkId}/runs?limit=50");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        var runs = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. runs.EnumerateArray().Select(r => (r.GetProperty("trigger").GetString(), r.GetProperty("finishedAt").ValueKind != JsonValueKind.Null))];
    }

    private static async Task<IReadOnlyList<string>> CalendarTitlesAsync(HttpClient user)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var calendar = await user.GetFromJsonAsync<JsonElement>($"/api/me/calendar?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&tz=UTC");
        return [.. calendar.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("title").GetString() ?? string.Empty)];
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>A body sent without a Content-Length (chunked), so only reading it shows its size.</summary>
    private sealed class UnannouncedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

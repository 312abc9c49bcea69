using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Push;

/// <summary>Google Calendar <c>events.watch</c> channels: the sync message, exists on every change, channels.stop, expiry.</summary>
public sealed class CalendarChannelTests : PushTest
{
    private const string Mailbox = "carl.rivera@gmail.example";
    private string _token = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Google }, Ct);
        _token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
    }

    [Fact]
    public async Task A_channel_gets_sync_then_exists_on_every_event_change_with_the_channel_headers()
    {
        var expiration = Clock.GetUtcNow().AddDays(2).ToUnixTimeMilliseconds();

        var (status, channel) = await WatchAsync("channel-1", "/calendar", "channel-secret", expiration);
        var sync = await Receiver.NextAsync(r => r.Path == "/calendar", Ct);
        var added = await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Review", Start = Clock.GetUtcNow().AddDays(1), End = Clock.GetUtcNow().AddDays(1).AddHours(1) }, Ct);
        var exists = await Receiver.NextAsync(r => r.Path == "/calendar", Ct);
        await Sandbox.Control.DeleteEventAsync(Mailbox, added.Id, Ct);
        var again = await Receiver.NextAsync(r => r.Path == "/calendar", Ct);

        Assert.Equal(200, status);
        Assert.Equal(("api#channel", "channel-1", "channel-secret"), (channel["kind"]!.GetValue<string>(), channel["id"]!.GetValue<string>(), channel["token"]!.GetValue<string>()));
        Assert.Equal(expiration.ToString(CultureInfo.InvariantCulture), channel["expiration"]!.GetValue<string>());
        Assert.Contains("/calendar/v3/calendars/primary/events", channel["resourceUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("sync", "1"), (sync.Header("X-Goog-Resource-State"), sync.Header("X-Goog-Message-Number")));
        Assert.Equal(("exists", "2"), (exists.Header("X-Goog-Resource-State"), exists.Header("X-Goog-Message-Number")));
        Assert.Equal(("exists", "3"), (again.Header("X-Goog-Resource-State"), again.Header("X-Goog-Message-Number")));
        Assert.All(new[] { sync, exists }, n =>
        {
            Assert.Equal("POST", n.Method);
            Assert.Empty(n.Body);
            Assert.Equal("channel-1", n.Header("X-Goog-Channel-ID"));
            Assert.Equal("channel-secret", n.Header("X-Goog-Channel-Token"));
            Assert.Equal(channel["resourceId"]!.GetValue<string>(), n.Header("X-Goog-Resource-ID"));
            Assert.Equal(channel["resourceUri"]!.GetValue<string>(), n.Header("X-Goog-Resource-URI"));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expiration).UtcDateTime.ToString("r", CultureInfo.InvariantCulture), n.Header("X-Goog-Channel-Expiration"));
        });
    }

    [Fact]
    public async Task Expiration_is_capped_at_seven_days_and_a_channel_id_cannot_be_reused()
    {
        var (_, capped) = await WatchAsync("channel-1", "/calendar", null, Clock.GetUtcNow().AddDays(30).ToUnixTimeMilliseconds());
        var (duplicateStatus, _) = await WatchAsync("channel-1", "/calendar", null, null);
        var (badTypeStatus, _) = await CallAsync("calendars/primary/events/watch", new JsonObject { ["id"] = "c2", ["type"] = "email", ["address"] = Receiver.Url("/x") });
        var (otherCalendarStatus, _) = await CallAsync("calendars/someone@else.example/events/watch", new JsonObject { ["id"] = "c3", ["type"] = "web_hook", ["address"] = Receiver.Url("/x") });

        Assert.Equal(Clock.GetUtcNow().AddDays(7).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), capped["expiration"]!.GetValue<string>());
        Assert.Null(capped["token"]);
        Assert.Equal(400, duplicateStatus);
        Assert.Equal(400, badTypeStatus);
        Assert.Equal(404, otherCalendarStatus);
        Assert.Equal(["channel-1"], (await Sandbox.Control.GetPushStateAsync(Ct)).CalendarChannels.Select(c => c.Id));
    }

    [Fact]
    public async Task Stop_closes_the_channel_and_an_unknown_pair_answers_404()
    {
        var (_, stopped) = await WatchAsync("stopped", "/stopped", null, null);
        var (_, expired) = await WatchAsync("expired", "/expired", null, Clock.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds());
        await WatchAsync("marker", "/marker", null, null);
        var resourceId = stopped["resourceId"]!.GetValue<string>();

        var wrongResource = await CallAsync("channels/stop", new JsonObject { ["id"] = "stopped", ["resourceId"] = "not-the-resource" });
        var unknown = await CallAsync("channels/stop", new JsonObject { ["id"] = "never-opened", ["resourceId"] = resourceId });
        var stop = await CallAsync("channels/stop", new JsonObject { ["id"] = "stopped", ["resourceId"] = resourceId });
        var again = await CallAsync("channels/stop", new JsonObject { ["id"] = "stopped", ["resourceId"] = resourceId });
        Clock.Advance(TimeSpan.FromHours(2));
        _token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
        var expiredStop = await CallAsync("channels/stop", new JsonObject { ["id"] = "expired", ["resourceId"] = expired["resourceId"]!.GetValue<string>() });
        await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "After", Start = Clock.GetUtcNow().AddDays(1), End = Clock.GetUtcNow().AddDays(1).AddHours(1) }, Ct);
        await Receiver.NextAsync(r => r.Path == "/marker" && r.Header("X-Goog-Resource-State") == "exists", Ct);

        Assert.Equal((404, 404, 204, 404, 404), (wrongResource.Status, unknown.Status, stop.Status, again.Status, expiredStop.Status));
        Assert.DoesNotContain(Receiver.Received, r => r.Path is "/stopped" or "/expired" && r.Header("X-Goog-Resource-State") == "exists");
        Assert.Equal(["marker"], (await Sandbox.Control.GetPushStateAsync(Ct)).CalendarChannels.Select(c => c.Id));
    }

    [Fact]
    public async Task Push_faults_hit_channel_messages_too()
    {
        await Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = Mailbox, Kind = PushFaultKind.Duplicate }, Ct);
        await Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = Mailbox, Kind = PushFaultKind.Drop }, Ct);

        await WatchAsync("channel-1", "/calendar", "t", null);
        await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Dropped", Start = Clock.GetUtcNow().AddDays(1), End = Clock.GetUtcNow().AddDays(1).AddHours(1) }, Ct);
        await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Sent", Start = Clock.GetUtcNow().AddDays(2), End = Clock.GetUtcNow().AddDays(2).AddHours(1) }, Ct);
        await Receiver.NextAsync(r => r.Header("X-Goog-Message-Number") == "3", Ct);

        Assert.Equal(["sync:1", "sync:1", "exists:3"], Receiver.Received.Select(r => $"{r.Header("X-Goog-Resource-State")}:{r.Header("X-Goog-Message-Number")}"));
        var dropped = Assert.Single((await Sandbox.Control.GetPushStateAsync(Ct)).Deliveries, d => d.Dropped);
        Assert.Equal(PushDeliveryKind.Calendar, dropped.Kind);
    }

    private Task<(int Status, JsonNode Body)> WatchAsync(string id, string path, string? token, long? expiration)
    {
        var body = new JsonObject { ["id"] = id, ["type"] = "web_hook", ["address"] = Receiver.Url(path) };
        if (token is not null)
        {
            body["token"] = token;
        }

        if (expiration is { } ms)
        {
            body["expiration"] = ms.ToString(CultureInfo.InvariantCulture);
        }

        return CallAsync("calendars/primary/events/watch", body);
    }

    private Task<(int Status, JsonNode Body)> CallAsync(string path, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Sandbox.CalendarBaseUrl}/{path}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return HttpJson.SendAsync(Http, request, Ct);
    }
}

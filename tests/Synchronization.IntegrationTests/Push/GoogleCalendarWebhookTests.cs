using System.Net;
using Marten;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// Google Calendar channels end to end: an event added at the sandbox makes its channel post <c>exists</c> into the host,
/// which wakes the link's sync; <c>sync</c> is only acknowledged; a wrong token or an unknown channel does nothing but is
/// counted; headers out of shape are a 400.
/// </summary>
public sealed class GoogleCalendarWebhookTests : IAsyncLifetime
{
    private const string Tenant = "tenant-google-calendar";
    private const string Mailbox = "kai@hauler.example";
    private GooglePushWorld _world = null!;
    private string _linkId = null!;
    private PushGrant _channel = null!;

    public async Task InitializeAsync()
    {
        _world = await GooglePushWorld.StartAsync(Tenant);
        await _world.AddMailboxAsync(Mailbox);
        _linkId = await _world.LinkAsync(Tenant, "user-1", Mailbox);
        _channel = await _world.SubscribeAsync(Tenant, _linkId, Mailbox, PushResource.GoogleCalendar);

        // The channel's first message, sync, is sent as it opens: let it be answered before the tests count anything.
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(_world.Delivered.To("/api/webhooks/google/calendar").Count >= 1), TimeSpan.FromSeconds(20)));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_changed_event_makes_the_channel_post_exists_which_wakes_the_link_and_the_meeting_is_recorded()
    {
        var start = DateTimeOffset.UtcNow.AddDays(2);
        await _world.World.Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent
        {
            Subject = "Pushed site visit",
            Start = start,
            End = start.AddHours(1),
            Organizer = Mailbox,
            Attendees = [new ScenarioAttendee { Address = GooglePushWorld.Pat }],
        });

        Assert.True(await _world.PushRunFinishedAsync(Tenant, _linkId), "a run set going by the channel's notification finished");
        await using var query = _world.Store.QuerySession(Tenant);
        Assert.True(await query.Query<Appointment>().AnyAsync(a => a.Title == "Pushed site visit"));
        Assert.Contains(_world.Delivered.To("/api/webhooks/google/calendar"), d => d.Status == 204);
        Assert.True(_world.Counted["Accepted"] >= 1);
    }

    [Fact]
    public async Task Sync_is_acknowledged_while_wrong_tokens_unknown_channels_and_bad_headers_wake_nothing()
    {
        var before = (_world.Counted["Stale"], _world.Counted["BadSecret"], _world.Counted["UnknownId"], _world.Counted["Malformed"]);

        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("sync")));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists", token: "not-the-token")));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists", token: null)));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists", resourceId: "another-resource")));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists", channelId: Guid.NewGuid().ToString())));
        Assert.Equal(HttpStatusCode.BadRequest, await _world.PostCalendarAsync(Headers("exists", channelId: null)));
        Assert.Equal(HttpStatusCode.BadRequest, await _world.PostCalendarAsync(Headers(null)));
        Assert.Equal(HttpStatusCode.BadRequest, await _world.PostCalendarAsync(Headers("exists", messageNumber: "one")));
        Assert.Equal(HttpStatusCode.BadRequest, await _world.PostCalendarAsync(Headers("exists", channelId: "has space")));

        var after = (_world.Counted["Stale"], _world.Counted["BadSecret"], _world.Counted["UnknownId"], _world.Counted["Malformed"]);
        Assert.Equal((before.Item1 + 1, before.Item2 + 3, before.Item3 + 1, before.Item4 + 4), after);
        Assert.False(await _world.HasWakeupAsync(Tenant, _linkId));
        Assert.DoesNotContain(await _world.RunsAsync(Tenant, _linkId), r => r.Trigger == "push");

        // The genuine headers wake it: the refusals above were for what differed, not for the request's shape.
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists")));
        Assert.True(await _world.PushRunFinishedAsync(Tenant, _linkId));
    }

    private Dictionary<string, string?> Headers(
        string? state, string? channelId = "", string? token = "", string? resourceId = "", string? messageNumber = "7") => new()
    {
        ["X-Goog-Channel-ID"] = channelId == string.Empty ? _channel.Id : channelId,
        ["X-Goog-Channel-Token"] = token == string.Empty ? _channel.Secret : token,
        ["X-Goog-Resource-State"] = state,
        ["X-Goog-Resource-ID"] = resourceId == string.Empty ? _channel.ResourceId : resourceId,
        ["X-Goog-Message-Number"] = messageNumber,
    };
}

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
    private CalendarChannelInfo _channel = null!;
    private int _pushRuns;

    public async Task InitializeAsync()
    {
        _world = await GooglePushWorld.StartAsync(Tenant);
        await _world.AddMailboxAsync(Mailbox);
        _linkId = await _world.LinkAsync(Tenant, "user-1", Mailbox);
        _channel = await _world.ChannelAsync(Mailbox);
        _pushRuns = await _world.PushRunCountAsync(Tenant, _linkId);
        _world.Counted.Mark();
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

        Assert.True(await _world.PushRunFinishedAsync(Tenant, _linkId, _pushRuns + 1), "a run set going by the channel's notification finished");
        await using var query = _world.Store.QuerySession(Tenant);
        Assert.True(await query.Query<Appointment>().AnyAsync(a => a.Title == "Pushed site visit"));
        Assert.Contains(_world.Delivered.To("/api/webhooks/google/calendar"), d => d.Status == 204);
        Assert.True(_world.Counted.Since("Accepted") >= 1);
    }

    [Fact]
    public async Task Sync_is_acknowledged_while_wrong_tokens_unknown_channels_and_bad_headers_wake_nothing()
    {
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("sync")));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists", token: "not-the-token")));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists", token: null)));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists", resourceId: "another-resource")));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists", channelId: Guid.NewGuid().ToString())));
        Assert.Equal(HttpStatusCode.BadRequest, await _world.PostCalendarAsync(Headers("exists", channelId: null)));
        Assert.Equal(HttpStatusCode.BadRequest, await _world.PostCalendarAsync(Headers(null)));
        Assert.Equal(HttpStatusCode.BadRequest, await _world.PostCalendarAsync(Headers("exists", messageNumber: "one")));
        Assert.Equal(HttpStatusCode.BadRequest, await _world.PostCalendarAsync(Headers("exists", channelId: "has space")));

        Assert.Equal((1L, 3L, 1L, 4L), (_world.Counted.Since("Stale"), _world.Counted.Since("BadSecret"), _world.Counted.Since("UnknownId"), _world.Counted.Since("Malformed")));
        Assert.False(await _world.HasWakeupAsync(Tenant, _linkId));
        Assert.Equal(_pushRuns, await _world.PushRunCountAsync(Tenant, _linkId));

        // The genuine headers wake it: the refusals above were for what differed, not for the request's shape.
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostCalendarAsync(Headers("exists")));
        Assert.True(await _world.PushRunFinishedAsync(Tenant, _linkId, _pushRuns + 1));
    }

    private Dictionary<string, string?> Headers(
        string? state, string? channelId = "", string? token = "", string? resourceId = "", string? messageNumber = "7") => new()
    {
        ["X-Goog-Channel-ID"] = channelId == string.Empty ? _channel.Id : channelId,
        ["X-Goog-Channel-Token"] = token == string.Empty ? _channel.Token : token,
        ["X-Goog-Resource-State"] = state,
        ["X-Goog-Resource-ID"] = resourceId == string.Empty ? _channel.ResourceId : resourceId,
        ["X-Goog-Message-Number"] = messageNumber,
    };
}

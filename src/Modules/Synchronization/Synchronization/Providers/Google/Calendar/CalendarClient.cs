using System.Globalization;

namespace NavusoftSync.Synchronization.Providers.Google.Calendar;

/// <summary>The Calendar v3 calls we need, named after the generated client's (<c>Events.List</c>, <c>Events.Watch</c>, <c>Channels.Stop</c>). Failures are <c>GoogleApiException</c>s.</summary>
internal sealed class CalendarClient(GoogleRestClient rest, string baseUrl)
{
    public Task<Events> EventsListAsync(string calendarId, EventsListRequest request, CancellationToken cancellationToken)
    {
        var query = new GoogleQuery()
            .Add("singleEvents", request.SingleEvents)
            .Add("showDeleted", request.ShowDeleted)
            .Add("timeMin", Rfc3339(request.TimeMin))
            .Add("timeMax", Rfc3339(request.TimeMax))
            .Add("maxResults", request.MaxResults)
            .Add("pageToken", request.PageToken)
            .Add("syncToken", request.SyncToken);
        return rest.GetAsync<Events>($"{baseUrl}/calendars/{Uri.EscapeDataString(calendarId)}/events{query}", cancellationToken);
    }

    /// <summary><c>events.watch</c>: a channel that posts the calendar's changes to <see cref="Channel.Address"/>.</summary>
    public Task<Channel> EventsWatchAsync(string calendarId, Channel body, CancellationToken cancellationToken) =>
        rest.PostAsync<Channel>($"{baseUrl}/calendars/{Uri.EscapeDataString(calendarId)}/events/watch", body, cancellationToken);

    /// <summary><c>channels.stop</c>: the channel (its <c>id</c> and <c>resourceId</c>) posts nothing more.</summary>
    public Task ChannelsStopAsync(Channel body, CancellationToken cancellationToken) =>
        rest.PostAsync($"{baseUrl}/channels/stop", body, cancellationToken);

    private static string? Rfc3339(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

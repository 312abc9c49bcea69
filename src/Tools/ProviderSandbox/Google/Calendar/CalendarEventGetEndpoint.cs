using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Events;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar;

/// <summary><c>GET calendars/{calendarId}/events/{eventId}</c>: an event, a series, or one instance of a series.</summary>
internal static class CalendarEventGetEndpoint
{
    public static IResult Handle(HttpContext http, string calendarId, string eventId)
    {
        var mailbox = http.GetMailbox();
        if (CalendarIds.Check(mailbox, calendarId) is { } notFound)
        {
            return notFound;
        }

        var data = mailbox.Current;
        var zone = TimeZones.Find(http.Request.Query["timeZone"]) ?? TimeZones.FindOrUtc(data.Identity.TimeZone);
        if (data.Events.TryGetValue(eventId, out var stored))
        {
            var json = stored.IsSeries ? CalendarEventJson.Series(stored, data.Identity, zone) : CalendarEventJson.Instance(EventInstance.Single(stored), data.Identity, zone);
            return new WireJsonResult(json, StatusCodes.Status200OK, WireJsonResult.Json);
        }

        if (EventInstance.TryParseOccurrenceId(eventId, out var seriesId, out var originalStart)
            && data.Events.TryGetValue(seriesId, out var series) && Recurrences.FindOccurrence(series, originalStart) is { } occurrence)
        {
            return new WireJsonResult(CalendarEventJson.Instance(occurrence, data.Identity, zone), StatusCodes.Status200OK, WireJsonResult.Json);
        }

        return GoogleApiErrors.NotFound("Not Found");
    }
}

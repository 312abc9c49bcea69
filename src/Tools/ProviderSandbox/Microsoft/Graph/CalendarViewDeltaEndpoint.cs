using System.Globalization;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Events;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// <c>GET /me/calendarView/delta?startDateTime=&amp;endDateTime=</c>: single events and occurrences in the window changed in the
/// round; deleted events, cancelled occurrences and events moved out of the window come back as <c>@removed</c>
/// (reason <c>deleted</c>); cancelled meetings come back changed with <c>isCancelled: true</c>.
/// </summary>
internal static class CalendarViewDeltaEndpoint
{
    public const string Kind = "calendarView";

    public static IResult Handle(HttpContext http, GraphErrors errors)
    {
        var data = http.GetMailbox().Current;
        var query = http.Request.Query;
        var hasToken = query.ContainsKey("$skiptoken") || query.ContainsKey("$deltatoken");
        DateTimeOffset? start = Parse(query["startDateTime"]), end = Parse(query["endDateTime"]);
        if (!hasToken && (start is null || end is null))
        {
            return errors.BadRequest(http, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
        }

        var (cursor, error) = GraphDeltaRound.Resolve(http, data, CursorScope.GraphCalendar, Kind, errors, () => new GraphDeltaCursor
        {
            Kind = Kind,
            Initial = true,
            WindowStart = start,
            WindowEnd = end,
            Select = query["$select"].ToString() is { Length: > 0 } select ? select : null,
        });
        if (cursor is null)
        {
            return error!;
        }

        var preferences = GraphPreferences.Parse(http.Request);
        var rows = GraphDeltaWindow.Rows(
            data.Events.Values.Where(e => e.Version > cursor.From && e.Version <= cursor.To),
            e => e.Version,
            e => Rows(e, cursor, data.Identity, preferences),
            cursor,
            preferences);
        return GraphDeltaRound.Page(http, cursor, rows, "/me/calendarView/delta", "Collection(event)", preferences, timeZoneApplies: true);
    }

    private static IEnumerable<GraphDeltaItem> Rows(StoredEvent e, GraphDeltaCursor cursor, MailboxIdentity owner, GraphPreferences preferences)
    {
        var instances = Recurrences.Instances(e, cursor.WindowStart, cursor.WindowEnd).ToList();
        if (instances.Count == 0 && !e.IsSeries && !cursor.Initial)
        {
            yield return GraphDeltaItem.Removed(e.Version, e.Id, "deleted", "#microsoft.graph.event");
        }

        foreach (var instance in instances)
        {
            if (instance.IsRemoved)
            {
                if (!cursor.Initial)
                {
                    yield return GraphDeltaItem.Removed(e.Version, instance.Id, "deleted", "#microsoft.graph.event");
                }

                continue;
            }

            yield return GraphDeltaItem.Changed(e.Version, instance.Id, GraphResponse.Select(GraphEventJson.Render(instance, owner, preferences), cursor.Select));
        }
    }

    private static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
}

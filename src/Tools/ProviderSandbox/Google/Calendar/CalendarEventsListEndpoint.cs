using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Events;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar;

/// <summary>
/// <c>GET calendars/{calendarId}/events</c>: a full sync (optionally windowed by timeMin/timeMax, recurring events expanded with
/// <c>singleEvents=true</c>) ending in <c>nextSyncToken</c>, or an incremental sync from <c>syncToken</c> returning what changed,
/// cancelled items included. An expired syncToken answers 410 <c>fullSyncRequired</c>.
/// </summary>
internal static class CalendarEventsListEndpoint
{
    private const int DefaultPageSize = 250;
    private const int MaxPageSize = 2500;

    private static readonly string[] NotWithSyncToken = ["timeMin", "timeMax", "orderBy", "updatedMin", "q", "iCalUID", "privateExtendedProperty", "sharedExtendedProperty"];

    public static IResult Handle(HttpContext http, string calendarId, TimeProvider clock)
    {
        var mailbox = http.GetMailbox();
        if (CalendarIds.Check(mailbox, calendarId) is { } notFound)
        {
            return notFound;
        }

        var data = mailbox.Current;
        var (cursor, error) = ResolveCursor(http, data);
        if (cursor is null)
        {
            return error!;
        }

        var outputZone = TimeZones.Find(cursor.TimeZone) ?? TimeZones.FindOrUtc(data.Identity.TimeZone);
        var rows = data.Events.Values
            .Where(e => e.Version > cursor.From && e.Version <= cursor.To)
            .SelectMany(e => Rows(e, cursor, data.Identity, outputZone))
            .Where(r => cursor.AfterKey is null || r.Key > cursor.AfterKey || (r.Key == cursor.AfterKey && string.CompareOrdinal(r.Id, cursor.AfterId) > 0))
            .OrderBy(r => r.Key)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(cursor.PageSize + 1)
            .ToList();
        var page = rows.Take(cursor.PageSize).ToList();

        var body = new JsonObject
        {
            ["kind"] = "calendar#events",
            ["etag"] = "\"p3" + data.Version.ToString("x8", CultureInfo.InvariantCulture) + "g\"",
            ["summary"] = data.Identity.Email,
            ["description"] = string.Empty,
            ["updated"] = CalendarEventJson.Timestamp(page.Count > 0 ? page.Max(r => r.Updated) : clock.GetUtcNow()),
            ["timeZone"] = TimeZones.ToIanaId(data.Identity.TimeZone),
            ["accessRole"] = "owner",
            ["defaultReminders"] = new JsonArray(new JsonObject { ["method"] = "popup", ["minutes"] = 10 }),
        };
        if (rows.Count > cursor.PageSize)
        {
            body["nextPageToken"] = GoogleListToken.Encode(cursor with { AfterKey = page[^1].Key, AfterId = page[^1].Id });
        }
        else
        {
            body["nextSyncToken"] = GoogleListToken.Encode(cursor with { Initial = false, From = cursor.To, To = 0, AfterKey = null, AfterId = null });
        }

        body["items"] = new JsonArray([.. page.Select(r => (JsonNode)r.Item)]);
        return new WireJsonResult(body, StatusCodes.Status200OK, WireJsonResult.Json);
    }

    private static (CalendarCursor? Cursor, IResult? Error) ResolveCursor(HttpContext http, MailboxData data)
    {
        var query = http.Request.Query;
        var generation = data.Generation(CursorScope.GoogleCalendar);
        var singleEvents = bool.TryParse(query["singleEvents"], out var single) && single;
        var pageSize = int.TryParse(query["maxResults"], out var requested) && requested > 0 ? Math.Min(requested, MaxPageSize) : DefaultPageSize;
        var pageToken = query["pageToken"].ToString();
        var syncToken = query["syncToken"].ToString();
        if (syncToken.Length > 0 && NotWithSyncToken.FirstOrDefault(query.ContainsKey) is { } conflicting)
        {
            return (null, GoogleApiErrors.Invalid($"The '{conflicting}' parameter cannot be used together with syncToken; a sync token already fixes the query."));
        }

        if (pageToken.Length > 0)
        {
            var page = GoogleListToken.Decode<CalendarCursor>(pageToken);
            return page is null ? (null, GoogleApiErrors.Invalid("Invalid page token value.")) : Checked(page with { PageSize = pageSize }, generation);
        }

        if (syncToken.Length > 0)
        {
            var sync = GoogleListToken.Decode<CalendarCursor>(syncToken);
            return sync is null
                ? (null, GoogleApiErrors.Invalid("Invalid sync token value."))
                : Checked(sync with { To = data.Version, PageSize = pageSize, SingleEvents = singleEvents, ShowDeleted = true }, generation, data.Version);
        }

        if (query["orderBy"].ToString() == "startTime" && !singleEvents)
        {
            return (null, GoogleApiErrors.Invalid("The requested ordering is not available for the particular query."));
        }

        DateTimeOffset? timeMin = null, timeMax = null;
        foreach (var (name, assign) in new (string, Action<DateTimeOffset>)[] { ("timeMin", v => timeMin = v), ("timeMax", v => timeMax = v) })
        {
            var text = query[name].ToString();
            if (text.Length == 0)
            {
                continue;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) || !(text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
            {
                return (null, GoogleApiErrors.Invalid("Bad Request"));
            }

            assign(value);
        }

        return (new CalendarCursor
        {
            Generation = generation,
            Initial = true,
            From = 0,
            To = data.Version,
            SingleEvents = singleEvents,
            ShowDeleted = bool.TryParse(query["showDeleted"], out var deleted) && deleted,
            TimeMin = timeMin,
            TimeMax = timeMax,
            TimeZone = query["timeZone"].ToString() is { Length: > 0 } zone ? zone : null,
            PageSize = pageSize,
        }, null);
    }

    private static (CalendarCursor?, IResult?) Checked(CalendarCursor cursor, int generation, long? currentVersion = null) =>
        cursor.Generation != generation || cursor.From > (currentVersion ?? long.MaxValue)
            ? (null, GoogleApiErrors.Error(StatusCodes.Status410Gone, "GONE", "fullSyncRequired", "Sync token is no longer valid, a full sync is required."))
            : (cursor, null);

    private static IEnumerable<CalendarRow> Rows(StoredEvent e, CalendarCursor cursor, MailboxIdentity owner, TimeZoneInfo outputZone)
    {
        var showRemoved = !cursor.Initial || cursor.ShowDeleted;
        if (cursor.SingleEvents || !e.IsSeries)
        {
            var instances = cursor.Initial || e.IsSeries
                ? Recurrences.Instances(e, cursor.TimeMin, cursor.TimeMax)
                : [EventInstance.Single(e)];
            foreach (var instance in instances)
            {
                if ((instance.IsRemoved || e.IsCancelled) && !showRemoved)
                {
                    continue;
                }

                yield return new CalendarRow(Key(cursor, e, instance.Start), instance.Id, CalendarEventJson.Instance(instance, owner, outputZone), e.LastModified);
            }

            yield break;
        }

        var window = Recurrences.Instances(e, cursor.TimeMin, cursor.TimeMax).ToList();
        if (cursor.Initial && window.Count == 0)
        {
            yield break;
        }

        if (showRemoved || !(e.IsDeleted || e.IsCancelled))
        {
            yield return new CalendarRow(Key(cursor, e, e.Start), e.Id, CalendarEventJson.Series(e, owner, outputZone), e.LastModified);
        }

        if (!e.IsDeleted && showRemoved)
        {
            foreach (var exception in window.Where(i => i.IsOccurrenceCancelled))
            {
                yield return new CalendarRow(Key(cursor, e, exception.Start), exception.Id, CalendarEventJson.Tombstone(exception), e.LastModified);
            }
        }
    }

    private static long Key(CalendarCursor cursor, StoredEvent e, DateTimeOffset start) => cursor.Initial ? start.UtcTicks : e.Version;
}

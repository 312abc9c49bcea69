using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Events;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>Renders events as Graph's <c>microsoft.graph.event</c>: singleInstance, occurrence or seriesMaster.</summary>
internal static class GraphEventJson
{
    public static JsonObject Render(EventInstance instance, MailboxIdentity owner, GraphPreferences preferences) =>
        Render(instance.Source, instance.Id, instance.Start, instance.End, instance.IsOccurrence ? "occurrence" : "singleInstance", instance.OriginalStart, owner, preferences);

    public static JsonObject RenderSeriesMaster(StoredEvent series, MailboxIdentity owner, GraphPreferences preferences)
    {
        var json = Render(series, series.Id, series.Start, series.End, "seriesMaster", null, owner, preferences);
        json["recurrence"] = Recurrence(series);
        return json;
    }

    /// <summary>
    /// Graph gives each occurrence of a series an iCalUId of its own (the series' identifier with the instance's date
    /// written into it); only the series master carries the series' UID. Reproduced as the UID with the original start.
    /// </summary>
    public static string OccurrenceICalUId(string seriesUid, DateTimeOffset originalStart) =>
        $"{seriesUid}-{originalStart.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)}";

    private static JsonObject Render(
        StoredEvent e, string id, DateTimeOffset start, DateTimeOffset end, string type, DateTimeOffset? originalStart, MailboxIdentity owner, GraphPreferences preferences)
    {
        var changeKey = GraphFormats.ChangeKey(e.Id, e.Version);
        var windowsZone = TimeZones.ToWindowsId(e.TimeZone);
        var isOrganizer = e.Organizer.Matches(owner.Email);
        var ownResponse = e.Attendees.FirstOrDefault(a => a.Address.Equals(owner.Email, StringComparison.OrdinalIgnoreCase))?.Response ?? AttendeeResponse.None;
        var json = new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.event",
            ["@odata.etag"] = GraphFormats.ETag(changeKey),
            ["id"] = id,
            ["createdDateTime"] = GraphFormats.PreciseInstant(e.Created),
            ["lastModifiedDateTime"] = GraphFormats.PreciseInstant(e.LastModified),
            ["changeKey"] = changeKey,
            ["categories"] = new JsonArray(),
            ["transactionId"] = null,
            ["originalStartTimeZone"] = windowsZone,
            ["originalEndTimeZone"] = windowsZone,
            ["iCalUId"] = type == "occurrence" && originalStart is { } occurrenceStart ? OccurrenceICalUId(e.ICalUId, occurrenceStart) : e.ICalUId,
            ["uid"] = e.ICalUId,
            ["reminderMinutesBeforeStart"] = 15,
            ["isReminderOn"] = !e.IsCancelled,
            ["hasAttachments"] = false,
            ["subject"] = e.IsCancelled && !e.Subject.StartsWith("Canceled:", StringComparison.Ordinal) ? "Canceled: " + e.Subject : e.Subject,
            ["bodyPreview"] = GraphFormats.Preview(e.BodyText, null),
            ["importance"] = "normal",
            ["sensitivity"] = "normal",
            ["isAllDay"] = e.IsAllDay,
            ["isCancelled"] = e.IsCancelled,
            ["isOrganizer"] = isOrganizer,
            ["responseRequested"] = true,
            ["seriesMasterId"] = type == "occurrence" ? e.Id : null,
            ["showAs"] = e.IsCancelled ? "free" : e.IsTentative ? "tentative" : "busy",
            ["type"] = type,
            ["webLink"] = "https://outlook.office365.com/owa/?itemid=" + Uri.EscapeDataString(id) + "&exvsurl=1&path=/calendar/item",
            ["onlineMeetingUrl"] = null,
            ["isOnlineMeeting"] = false,
            ["onlineMeetingProvider"] = "unknown",
            ["allowNewTimeProposals"] = true,
            ["isDraft"] = false,
            ["hideAttendees"] = false,
            ["responseStatus"] = new JsonObject
            {
                ["response"] = isOrganizer ? "organizer" : ResponseName(ownResponse),
                ["time"] = "0001-01-01T00:00:00Z",
            },
            ["body"] = GraphFormats.Body(e.BodyText, null, preferences.BodyContentType),
            ["start"] = DateTimeTimeZone(start, e.IsAllDay, preferences),
            ["end"] = DateTimeTimeZone(end, e.IsAllDay, preferences),
            ["location"] = Location(e.Location),
            ["locations"] = e.Location is null ? new JsonArray() : new JsonArray(Location(e.Location)),
            ["recurrence"] = null,
            ["attendees"] = new JsonArray([.. e.Attendees.Select(Attendee)]),
            ["organizer"] = GraphFormats.Recipient(e.Organizer),
            ["onlineMeeting"] = null,
        };
        if (originalStart is { } original)
        {
            json["originalStart"] = GraphFormats.Instant(original);
        }

        return WireOverrides.Apply(json, e.WireOverrides);
    }

    private static JsonObject DateTimeTimeZone(DateTimeOffset value, bool allDay, GraphPreferences preferences)
    {
        var zoneName = preferences.TimeZoneName ?? "UTC";
        if (allDay)
        {
            return new JsonObject { ["dateTime"] = value.UtcDateTime.ToString("yyyy-MM-dd'T'00:00:00.0000000", CultureInfo.InvariantCulture), ["timeZone"] = zoneName };
        }

        return GraphFormats.DateTimeTimeZone(value, preferences.TimeZone ?? TimeZoneInfo.Utc, zoneName);
    }

    private static JsonObject Location(string? displayName) => new()
    {
        ["displayName"] = displayName ?? string.Empty,
        ["locationType"] = "default",
        ["uniqueIdType"] = displayName is null ? "unknown" : "private",
    };

    private static JsonObject Attendee(ScenarioAttendee attendee) => new()
    {
        ["type"] = attendee.Type.ToString().ToLowerInvariant(),
        ["status"] = new JsonObject { ["response"] = ResponseName(attendee.Response), ["time"] = "0001-01-01T00:00:00Z" },
        ["emailAddress"] = new JsonObject { ["name"] = attendee.Name ?? attendee.Address, ["address"] = attendee.Address },
    };

    private static string ResponseName(AttendeeResponse response) => response switch
    {
        AttendeeResponse.Organizer => "organizer",
        AttendeeResponse.TentativelyAccepted => "tentativelyAccepted",
        AttendeeResponse.Accepted => "accepted",
        AttendeeResponse.Declined => "declined",
        AttendeeResponse.NotResponded => "notResponded",
        _ => "none",
    };

    private static JsonObject Recurrence(StoredEvent series)
    {
        var rule = series.Recurrence!;
        var zone = TimeZones.FindOrUtc(series.TimeZone);
        var firstLocal = TimeZoneInfo.ConvertTime(series.Start, zone);
        var days = rule.Frequency == RecurrenceFrequency.Weekly
            ? (rule.DaysOfWeek is { Count: > 0 } chosen ? chosen : [firstLocal.DayOfWeek])
            : [];
        return new JsonObject
        {
            ["pattern"] = new JsonObject
            {
                ["type"] = rule.Frequency == RecurrenceFrequency.Weekly ? "weekly" : "daily",
                ["interval"] = rule.Interval,
                ["month"] = 0,
                ["dayOfMonth"] = 0,
                ["daysOfWeek"] = new JsonArray([.. days.Select(d => (JsonNode)d.ToString().ToLowerInvariant())]),
                ["firstDayOfWeek"] = "sunday",
                ["index"] = "first",
            },
            ["range"] = new JsonObject
            {
                ["type"] = rule.Until is not null ? "endDate" : rule.Count is not null ? "numbered" : "noEnd",
                ["startDate"] = firstLocal.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["endDate"] = (rule.Until ?? DateOnly.MinValue).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["recurrenceTimeZone"] = TimeZones.ToWindowsId(series.TimeZone),
                ["numberOfOccurrences"] = rule.Count ?? 0,
            },
        };
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Events;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar;

/// <summary>Renders Google Calendar's <c>Event</c> resource: instances, series (with RRULE), and cancelled tombstones.</summary>
internal static class CalendarEventJson
{
    public static JsonObject Instance(EventInstance instance, MailboxIdentity owner, TimeZoneInfo outputZone)
    {
        var e = instance.Source;
        if (instance.IsRemoved)
        {
            return Tombstone(instance);
        }

        var json = Render(e, instance.Id, instance.Start, instance.End, owner, outputZone, e.IsCancelled ? "cancelled" : e.IsTentative ? "tentative" : "confirmed");
        if (instance.OriginalStart is { } original)
        {
            json["recurringEventId"] = e.Id;
            json["originalStartTime"] = When(original, e, outputZone);
        }

        return json;
    }

    public static JsonObject Series(StoredEvent series, MailboxIdentity owner, TimeZoneInfo outputZone)
    {
        if (series.IsDeleted)
        {
            return Tombstone(EventInstance.Single(series));
        }

        var json = Render(series, series.Id, series.Start, series.End, owner, outputZone, series.IsCancelled ? "cancelled" : series.IsTentative ? "tentative" : "confirmed");
        json["recurrence"] = new JsonArray(RRule(series));
        return json;
    }

    /// <summary>What Google returns for a deleted event or a cancelled occurrence: id, status and, for an occurrence, its series.</summary>
    public static JsonObject Tombstone(EventInstance instance)
    {
        var e = instance.Source;
        var json = new JsonObject
        {
            ["kind"] = "calendar#event",
            ["etag"] = ETag(e),
            ["id"] = instance.Id,
            ["status"] = "cancelled",
        };
        if (instance.OriginalStart is { } original)
        {
            json["recurringEventId"] = e.Id;
            json["originalStartTime"] = When(original, e, TimeZoneInfo.Utc);
        }

        return json;
    }

    public static string ETag(StoredEvent e) =>
        "\"" + ((e.LastModified.ToUnixTimeMilliseconds() * 1000) + (e.Version % 1000)).ToString(CultureInfo.InvariantCulture) + "\"";

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Render(StoredEvent e, string id, DateTimeOffset start, DateTimeOffset end, MailboxIdentity owner, TimeZoneInfo outputZone, string status)
    {
        var json = new JsonObject
        {
            ["kind"] = "calendar#event",
            ["etag"] = ETag(e),
            ["id"] = id,
            ["status"] = status,
            ["htmlLink"] = "https://www.google.com/calendar/event?eid=" + SandboxIds.Base64Url(id + " " + owner.Email),
            ["created"] = Timestamp(e.Created),
            ["updated"] = Timestamp(e.LastModified),
            ["summary"] = e.Subject,
        };
        if (e.BodyText.Length > 0)
        {
            json["description"] = e.BodyText;
        }

        if (!string.IsNullOrEmpty(e.Location))
        {
            json["location"] = e.Location;
        }

        json["creator"] = Person(e.Organizer, owner);
        json["organizer"] = Person(e.Organizer, owner);
        json["start"] = When(start, e, outputZone);
        json["end"] = When(end, e, outputZone);
        json["iCalUID"] = e.ICalUId;
        json["sequence"] = e.Sequence;
        if (e.Attendees.Count > 0)
        {
            json["attendees"] = Attendees(e, owner);
        }

        json["reminders"] = new JsonObject { ["useDefault"] = true };
        json["eventType"] = "default";
        return WireOverrides.Apply(json, e.WireOverrides);
    }

    private static JsonObject When(DateTimeOffset value, StoredEvent e, TimeZoneInfo outputZone)
    {
        if (e.IsAllDay)
        {
            return new JsonObject { ["date"] = value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }

        var local = TimeZoneInfo.ConvertTime(value, outputZone);
        return new JsonObject
        {
            ["dateTime"] = local.Offset == TimeSpan.Zero
                ? local.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["timeZone"] = TimeZones.ToIanaId(e.TimeZone),
        };
    }

    private static JsonObject Person(SandboxAddress address, MailboxIdentity owner)
    {
        var json = new JsonObject { ["email"] = address.Address };
        if (address.Name is not null)
        {
            json["displayName"] = address.Name;
        }

        if (address.Matches(owner.Email))
        {
            json["self"] = true;
        }

        return json;
    }

    private static JsonArray Attendees(StoredEvent e, MailboxIdentity owner)
    {
        var attendees = e.Attendees.ToList();
        if (!attendees.Exists(a => e.Organizer.Matches(a.Address)))
        {
            attendees.Insert(0, new ScenarioAttendee { Address = e.Organizer.Address, Name = e.Organizer.Name, Response = AttendeeResponse.Accepted });
        }

        return new JsonArray([.. attendees.Select(a =>
        {
            var json = new JsonObject { ["email"] = a.Address };
            if (a.Name is not null)
            {
                json["displayName"] = a.Name;
            }

            if (e.Organizer.Matches(a.Address))
            {
                json["organizer"] = true;
            }

            if (a.Address.Equals(owner.Email, StringComparison.OrdinalIgnoreCase))
            {
                json["self"] = true;
            }

            if (a.Type == AttendeeType.Optional)
            {
                json["optional"] = true;
            }

            if (a.Type == AttendeeType.Resource)
            {
                json["resource"] = true;
            }

            json["responseStatus"] = a.Response switch
            {
                AttendeeResponse.Accepted or AttendeeResponse.Organizer => "accepted",
                AttendeeResponse.Declined => "declined",
                AttendeeResponse.TentativelyAccepted => "tentative",
                _ => "needsAction",
            };
            return (JsonNode)json;
        })]);
    }

    private static string RRule(StoredEvent series)
    {
        var rule = series.Recurrence!;
        var parts = new List<string> { "FREQ=" + (rule.Frequency == RecurrenceFrequency.Weekly ? "WEEKLY" : "DAILY") };
        if (rule.Frequency == RecurrenceFrequency.Weekly && rule.DaysOfWeek is { Count: > 0 } days)
        {
            parts.Add("BYDAY=" + string.Join(',', days.Distinct().Order().Select(d => d.ToString()[..2].ToUpperInvariant())));
        }

        if (rule.Interval > 1)
        {
            parts.Add("INTERVAL=" + rule.Interval.ToString(CultureInfo.InvariantCulture));
        }

        if (rule.Count is { } count)
        {
            parts.Add("COUNT=" + count.ToString(CultureInfo.InvariantCulture));
        }
        else if (rule.Until is { } until)
        {
            parts.Add("UNTIL=" + until.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "T235959Z");
        }

        return "RRULE:" + string.Join(';', parts);
    }
}

using System.Globalization;
using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers.Google.Calendar;

/// <summary>
/// Calendar events into a page: a cancelled event with details is a cancelled item, a bare cancelled one (id and status only)
/// a removal; all-day events are dates; instances carry their series (recurringEventId) and original start.
/// </summary>
internal static class GoogleEvents
{
    public static void AddTo(PageBuilder<CalendarItem> page, Event item)
    {
        if (string.IsNullOrWhiteSpace(item.Id))
        {
            page.Malformed.Add(new MalformedItem("(none)", "an event without an id"));
            return;
        }

        var cancelled = string.Equals(item.Status, "cancelled", StringComparison.Ordinal);
        if (cancelled && item.Start is null && item.Summary is null)
        {
            page.Removed.Add(new RemovedItem(item.Id));
            return;
        }

        if (Parse(item.Start) is not { } start || Parse(item.End) is not { } end)
        {
            page.Malformed.Add(new MalformedItem(item.Id, "unreadable start or end"));
            return;
        }

        if (string.IsNullOrWhiteSpace(item.ICalUID))
        {
            page.Malformed.Add(new MalformedItem(item.Id, "no iCalUID"));
            return;
        }

        page.Items.Add(ItemOf(item, start, end, cancelled));
    }

    /// <summary>A readable event (id, start, end and iCalUID present) as a calendar item.</summary>
    private static CalendarItem ItemOf(Event item, When start, When end, bool cancelled)
    {
        var description = Description(item.Description);
        return new CalendarItem(
            item.Id!,
            item.ICalUID!,
            item.RecurringEventId,
            item.RecurringEventId is null ? null : Parse(item.OriginalStartTime) ?? start,
            TextLimits.Line(item.Summary),
            start,
            end,
            start.Date is not null,
            TextLimits.OptionalLine(item.Location),
            Organizer(item.Organizer),
            Attendees(item.Attendees),
            description.Text,
            cancelled,
            DateTimeOffset.TryParse(item.Updated, CultureInfo.InvariantCulture, DateTimeStyles.None, out var updated) ? updated : null,
            description.Truncated);
    }

    private static When? Parse(EventDateTime? value)
    {
        if (value?.Date is { } date)
        {
            return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? When.On(day) : null;
        }

        if (value?.DateTime is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && HasOffset(text))
        {
            return When.At(instant);
        }

        // A wall-clock time without an offset is read in its named zone (a time in a DST gap moves past it, an ambiguous one is its first occurrence).
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && TimeZoneLookup.Find(value.TimeZone) is { } zone
            ? When.At(ZonedTimes.ToInstant(local, zone))
            : null;
    }

    private static Participant? Organizer(EventPerson? organizer) =>
        organizer?.Email is { Length: > 0 } email ? new Participant(TextLimits.Name(organizer.DisplayName), email) : null;

    /// <summary>The attendees with an address, each with its response.</summary>
    private static IReadOnlyList<Attendee> Attendees(IReadOnlyList<EventAttendee>? attendees) =>
        [.. (attendees ?? []).Where(a => !string.IsNullOrWhiteSpace(a.Email)).Select(a => new Attendee(TextLimits.Name(a.DisplayName), a.Email!, Response(a.ResponseStatus)))];

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 19 && (text[^6] is '+' or '-'));

    private static string Response(string? status) => status switch
    {
        "accepted" => "accepted",
        "declined" => "declined",
        "tentative" => "tentative",
        _ => "none",
    };

    /// <summary>
    /// A description has no declared type and Google's own editor stores HTML in it: markup is converted to text
    /// (scripts and styles dropped), plain text kept as it is; either bounded as a body.
    /// </summary>
    private static BoundedText Description(string? description) =>
        string.IsNullOrWhiteSpace(description) ? BoundedText.None
        : HtmlText.LooksLikeHtml(description) ? HtmlText.ToText(description)
        : TextLimits.Body(description);
}

using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Attendee = NavusoftSync.Synchronization.Contracts.Recorded.Attendee;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>What every occurrence of one VEVENT shares (title, place, people, text), mapped once.</summary>
internal sealed record CalDavEventDetails(
    string Uid,
    string Title,
    string? Location,
    Participant? Organizer,
    IReadOnlyList<Attendee> Attendees,
    BoundedText Description,
    bool IsCancelled,
    DateTimeOffset? LastModified)
{
    /// <summary>SUMMARY, LOCATION, ORGANIZER, ATTENDEE with PARTSTAT and DESCRIPTION (plain text; X-ALT-DESC's HTML is never read), bounded.</summary>
    public static CalDavEventDetails Of(CalendarEvent e, bool seriesCancelled = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new CalDavEventDetails(
            e.Uid!.Trim(),
            TextLimits.Line(e.Summary),
            TextLimits.OptionalLine(e.Location),
            Address(e.Organizer?.Value) is { } organizer ? new Participant(TextLimits.Name(e.Organizer!.CommonName), organizer) : null,
            [.. e.Attendees.Where(a => Address(a.Value) is not null).Select(a => new Attendee(TextLimits.Name(a.CommonName), Address(a.Value)!, Response(a.ParticipationStatus)))],
            TextLimits.Body(e.Description),
            seriesCancelled || CalDavEvents.IsCancelled(e),
            e.LastModified is { HasTime: true } modified ? CalDavTimes.ToWhen(modified).Instant : null);
    }

    /// <summary>This event at one occurrence; <paramref name="originalStart"/> null for a single (non-recurring) event.</summary>
    public CalendarItem At(string href, When start, When end, When? originalStart, bool cancelled = false) => new(
        RemovedItem.SeriesOccurrenceId(href, originalStart is null ? string.Empty : CalDavTimes.OccurrenceId(originalStart)),
        Uid,
        originalStart is null ? null : href,
        originalStart,
        Title,
        start,
        end,
        start.Date is not null,
        Location,
        Organizer,
        Attendees,
        Description.Text,
        IsCancelled || cancelled,
        LastModified,
        Description.Truncated);

    /// <summary>The address of a <c>mailto:</c> URI (or of a bare address), else null.</summary>
    private static string? Address(Uri? uri)
    {
        var text = uri?.OriginalString.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = Uri.UnescapeDataString(text["mailto:".Length..]).Trim();
        }

        return text.Contains('@', StringComparison.Ordinal) && !text.Contains(':', StringComparison.Ordinal) ? text : null;
    }

    private static string Response(string? partstat) => partstat?.Trim().ToUpperInvariant() switch
    {
        "ACCEPTED" => "accepted",
        "DECLINED" => "declined",
        "TENTATIVE" => "tentative",
        _ => "none",
    };
}

/// <summary>An event component's span: DTEND, else DTSTART + DURATION, else a day for a DATE and nothing for a time.</summary>
internal static class CalDavSpans
{
    public static (When Start, When End) Of(CalendarEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var start = e.DtStart!;
        var end = e.DtEnd ?? (e.Duration is { } duration ? start.Add(duration) : start.HasTime ? start : start.AddDays(1));
        return (CalDavTimes.ToWhen(start), CalDavTimes.ToWhen(end));
    }

    public static (When Start, When End) Of(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return (CalDavTimes.ToWhen(period.StartTime), CalDavTimes.ToWhen(period.EffectiveEndTime ?? period.StartTime));
    }

    /// <summary>Whether [start, end] overlaps the window (a zero-length event at the window's start counts).</summary>
    public static bool Overlaps(When start, When end, CalendarWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var (from, to) = (CalDavTimes.Instant(start), CalDavTimes.Instant(end));
        return from < window.End && (to > window.Start || from >= window.Start);
    }
}

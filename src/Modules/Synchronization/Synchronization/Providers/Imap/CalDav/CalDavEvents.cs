using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>
/// One CalDAV event resource (an iCalendar object: a VEVENT, or a recurring one with its overrides) into a page: its
/// occurrences within the window as items, then <see cref="RemovedItem.Series"/> keeping exactly those, so occurrences of
/// it read before and not now (an EXDATE added, the rule shortened, moved out of the window) are released. A resource
/// over <see cref="CalDavLimits"/> or unreadable is a <see cref="MalformedItem"/> with its href, and what it had stays.
/// </summary>
internal static class CalDavEvents
{
    public static void AddTo(PageBuilder<CalendarItem> page, string href, string? ics, CalendarWindow window)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Guard(href, () =>
        {
            try
            {
                var items = Read(href, ics, window);
                page.Items.AddRange(items);
                page.Removed.Add(RemovedItem.Series(href, items.Select(i => i.ProviderId).ToHashSet(StringComparer.Ordinal)));
            }
            catch (CalDavResourceException e)
            {
                page.Malformed.Add(new MalformedItem(href, e.Message));
            }
        });
    }

    /// <summary>The occurrences of the resource within the window; <see cref="CalDavResourceException"/> when it is over a limit or has no event.</summary>
    public static IReadOnlyList<CalendarItem> Read(string href, string? ics, CalendarWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (string.IsNullOrWhiteSpace(ics))
        {
            throw new CalDavResourceException("an event resource without calendar data");
        }

        if (ics.Length > CalDavLimits.MaxResourceBytes || Encoding.UTF8.GetByteCount(ics) > CalDavLimits.MaxResourceBytes)
        {
            throw new CalDavResourceException("an event resource larger than 1 MiB");
        }

        CheckShape(ics);
        var calendar = Calendar.Load(CalDavZones.Normalize(ics)) ?? throw new CalDavResourceException("not an iCalendar object");
        var events = calendar.Events.ToList();
        if (events.Count == 0)
        {
            return [];
        }

        if (events.Any(e => string.IsNullOrWhiteSpace(e.Uid) || e.DtStart is null))
        {
            throw new CalDavResourceException("an event without a UID or DTSTART");
        }

        return CalDavOccurrences.Expand(href, events, window);
    }

    /// <summary>
    /// Refuses, before the parser sees them, BEGIN blocks nested deeper than <see cref="CalDavLimits.MaxNesting"/> and a VEVENT
    /// without a UID line (Ical.Net would make one up, and a made-up UID differs on every read).
    /// </summary>
    private static void CheckShape(string ics)
    {
        var (depth, eventDepth, uid) = (0, -1, false);
        foreach (var range in ics.AsSpan().Split('\n'))
        {
            var line = ics.AsSpan(range.Start.Value, range.End.Value - range.Start.Value).TrimStart();
            if (line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase))
            {
                if (++depth > CalDavLimits.MaxNesting)
                {
                    throw new CalDavResourceException("components nested too deep");
                }

                (eventDepth, uid) = line[6..].TrimEnd().Equals("VEVENT", StringComparison.OrdinalIgnoreCase) ? (depth, false) : (eventDepth, uid);
            }
            else if (line.StartsWith("END:", StringComparison.OrdinalIgnoreCase))
            {
                if (depth == eventDepth && !uid)
                {
                    throw new CalDavResourceException("an event without a UID");
                }

                (depth, eventDepth) = (Math.Max(0, depth - 1), depth == eventDepth ? -1 : eventDepth);
            }
            else if (depth == eventDepth && line.Length > 3 && line.StartsWith("UID", StringComparison.OrdinalIgnoreCase) && line[3] is ':' or ';')
            {
                uid = true;
            }
        }
    }

    /// <summary>Whether the event says STATUS:CANCELLED.</summary>
    public static bool IsCancelled(CalendarEvent e) => string.Equals(e.Status?.Trim(), "CANCELLED", StringComparison.OrdinalIgnoreCase);
}

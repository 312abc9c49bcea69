using System.Diagnostics;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>
/// A resource's VEVENTs as occurrences within the window. A single event is one item (occurrence id empty). A recurring
/// one (RRULE/RDATE, or overrides alone) is expanded by Ical.Net within the window, EXDATEs left out; an override
/// (RECURRENCE-ID) replaces its occurrence, a cancelled override cancels it. Every occurrence carries the RECURRENCE-ID
/// as <see cref="CalendarItem.OriginalStart"/> and the href as series. Rules that would cost too much are refused first
/// (<see cref="CalDavLimits"/>); the expansion stops at <see cref="CalDavLimits.MaxOccurrences"/> and after
/// <see cref="CalDavLimits.MaxExpansionTime"/>.
/// </summary>
internal static class CalDavOccurrences
{
    public static IReadOnlyList<CalendarItem> Expand(string href, IReadOnlyList<CalendarEvent> events, CalendarWindow window)
    {
        var master = events.FirstOrDefault(e => e.RecurrenceIdentifier is null);
        var overrides = events.Where(e => e.RecurrenceIdentifier is not null).ToList();
        if (master is not null && overrides.Count == 0 && !IsRecurring(master))
        {
            var (start, end) = CalDavSpans.Of(master);
            return CalDavSpans.Overlaps(start, end, window) ? [CalDavEventDetails.Of(master).At(href, start, end, null)] : [];
        }

        var seriesCancelled = master is not null && CalDavEvents.IsCancelled(master);
        var items = new List<CalendarItem>();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in overrides)
        {
            var originalStart = CalDavTimes.ToWhen(change.RecurrenceIdentifier!.StartTime);
            replaced.Add(CalDavTimes.OccurrenceId(originalStart));
            var (start, end) = CalDavSpans.Of(change);
            if (CalDavSpans.Overlaps(start, end, window))
            {
                if (items.Count >= CalDavLimits.MaxOccurrences)
                {
                    throw new CalDavResourceException($"a recurring event with more than {CalDavLimits.MaxOccurrences} occurrences in the window");
                }

                items.Add(CalDavEventDetails.Of(change, seriesCancelled).At(href, start, end, originalStart));
            }
        }

        if (master is not null)
        {
            items.AddRange(MasterOccurrences(href, master, replaced, window, items.Count));
        }

        return items;
    }

    private static bool IsRecurring(CalendarEvent e) =>
        e.Properties.Any(p => p.Name is { } name && (name.Equals("RRULE", StringComparison.OrdinalIgnoreCase) || name.Equals("RDATE", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The master's occurrences in the window that no override replaces.</summary>
    private static List<CalendarItem> MasterOccurrences(string href, CalendarEvent master, HashSet<string> replaced, CalendarWindow window, int already)
    {
        CheckRules(master, window);
        var details = CalDavEventDetails.Of(master);
        var items = new List<CalendarItem>();
        var clock = Stopwatch.StartNew();
        var options = new EvaluationOptions { MaxUnmatchedIncrementsLimit = CalDavLimits.MaxUnmatchedSteps };
        foreach (var occurrence in master.GetOccurrences(CalDavTimes.ToCalDateTime(window.Start), options))
        {
            var (start, end) = CalDavSpans.Of(occurrence.Period);
            if (CalDavTimes.Instant(start) >= window.End)
            {
                break;
            }

            if (already + items.Count >= CalDavLimits.MaxOccurrences || clock.Elapsed > CalDavLimits.MaxExpansionTime)
            {
                throw new CalDavResourceException($"a recurring event with more than {CalDavLimits.MaxOccurrences} occurrences in the window, or too costly to expand");
            }

            if (replaced.Contains(CalDavTimes.OccurrenceId(start)) || !CalDavSpans.Overlaps(start, end, window))
            {
                continue;
            }

            items.Add(details.At(href, start, end, start));
        }

        return items;
    }

    /// <summary>
    /// Refuses rules whose evaluation would take too many steps from DTSTART to the window's end (Ical.Net walks every step,
    /// even those before the window) or expand one step into too many candidates.
    /// </summary>
    private static void CheckRules(CalendarEvent master, CalendarWindow window)
    {
        var span = window.End - CalDavTimes.Instant(CalDavTimes.ToWhen(master.DtStart!));
        foreach (var rule in master.Properties.GetMany<RecurrencePattern>("RRULE").Concat(master.Properties.GetMany<RecurrencePattern>("EXRULE")))
        {
            var step = Step(rule.Frequency) * Math.Max(1, rule.Interval);
            if (span > TimeSpan.Zero && span.Ticks / step.Ticks > CalDavLimits.MaxRuleSteps)
            {
                throw new CalDavResourceException("a recurrence rule too fine-grained for its span");
            }

            long expansion = 1;
            foreach (var count in new[] { rule.BySecond.Count, rule.ByMinute.Count, rule.ByHour.Count, rule.ByDay.Count, rule.ByMonthDay.Count, rule.ByYearDay.Count, rule.ByWeekNo.Count, rule.ByMonth.Count })
            {
                expansion *= Math.Max(1, count);
                if (expansion > CalDavLimits.MaxRuleExpansion)
                {
                    throw new CalDavResourceException("a recurrence rule that expands each step too far");
                }
            }
        }
    }

    private static TimeSpan Step(FrequencyType frequency) => frequency switch
    {
        FrequencyType.Secondly => TimeSpan.FromSeconds(1),
        FrequencyType.Minutely => TimeSpan.FromMinutes(1),
        FrequencyType.Hourly => TimeSpan.FromHours(1),
        FrequencyType.Weekly => TimeSpan.FromDays(7),
        FrequencyType.Monthly => TimeSpan.FromDays(28),
        FrequencyType.Yearly => TimeSpan.FromDays(365),
        _ => TimeSpan.FromDays(1),
    };
}

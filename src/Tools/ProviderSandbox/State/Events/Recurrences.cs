using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.State.Events;

/// <summary>Expands a daily/weekly series into occurrences, in the series' own time zone so the wall-clock time holds across DST.</summary>
internal static class Recurrences
{
    /// <summary>A series without COUNT or UNTIL is expanded this far past its first start.</summary>
    public static readonly TimeSpan OpenEndedHorizon = TimeSpan.FromDays(730);

    private const int MaxOccurrences = 1000;

    /// <summary>Every original start of the series, cancelled occurrences included.</summary>
    public static IEnumerable<DateTimeOffset> OriginalStarts(StoredEvent series)
    {
        if (series.Recurrence is not { } rule)
        {
            yield break;
        }

        var zone = series.IsAllDay ? TimeZoneInfo.Utc : TimeZones.FindOrUtc(series.TimeZone);
        var first = TimeZones.ToLocal(series.Start, zone).DateTime;
        var interval = Math.Max(1, rule.Interval);
        var horizon = rule.Until is { } until
            ? until.ToDateTime(TimeOnly.MaxValue)
            : rule.Count is null ? first + OpenEndedHorizon : DateTime.MaxValue;
        var days = rule.Frequency == RecurrenceFrequency.Weekly
            ? (rule.DaysOfWeek is { Count: > 0 } chosen ? chosen : [first.DayOfWeek]).Distinct().OrderBy(d => d).ToList()
            : [];
        var produced = 0;
        var limit = Math.Min(rule.Count ?? MaxOccurrences, MaxOccurrences);

        for (var period = 0; produced < limit; period++)
        {
            IEnumerable<DateTime> dates = rule.Frequency == RecurrenceFrequency.Daily
                ? [first.Date.AddDays(period * interval)]
                : days.Select(d => first.Date.AddDays(-(int)first.DayOfWeek + (period * interval * 7) + (int)d));
            foreach (var date in dates)
            {
                if (date < first.Date)
                {
                    continue;
                }

                var local = date + first.TimeOfDay;
                if (local > horizon || produced >= limit)
                {
                    yield break;
                }

                produced++;
                yield return TimeZones.FromLocal(local, zone).ToUniversalTime();
            }
        }
    }

    /// <summary>The instances of an event overlapping [from, to): the event itself, or the series' occurrences.</summary>
    public static IEnumerable<EventInstance> Instances(StoredEvent source, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (!source.IsSeries)
        {
            var single = EventInstance.Single(source);
            return single.Overlaps(from, to) ? [single] : [];
        }

        return OriginalStarts(source)
            .TakeWhile(start => to is null || start < to)
            .Select(start => EventInstance.Occurrence(source, start))
            .Where(instance => instance.Overlaps(from, to));
    }

    public static EventInstance? FindOccurrence(StoredEvent series, DateTimeOffset originalStart) =>
        OriginalStarts(series).Where(start => start == originalStart).Select(start => EventInstance.Occurrence(series, start)).FirstOrDefault();
}

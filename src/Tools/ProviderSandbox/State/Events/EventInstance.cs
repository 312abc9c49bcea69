using System.Globalization;

namespace NavusoftSync.Tools.ProviderSandbox.State.Events;

/// <summary>
/// What a calendar view shows: a single event, or one occurrence of a series (with its original start).
/// Occurrence ids are <c>{seriesId}_{yyyyMMddTHHmmssZ}</c> (<c>{seriesId}_{yyyyMMdd}</c> all day), as Google forms them.
/// </summary>
internal sealed record EventInstance(StoredEvent Source, string Id, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? OriginalStart)
{
    public bool IsOccurrence => OriginalStart is not null;

    public bool IsOccurrenceCancelled => OriginalStart is { } original && Source.CancelledOccurrences.Contains(original);

    /// <summary>Gone from the calendar: the event or series was deleted, or this occurrence was cancelled one by one.</summary>
    public bool IsRemoved => Source.IsDeleted || IsOccurrenceCancelled;

    public bool Overlaps(DateTimeOffset? from, DateTimeOffset? to) =>
        (to is null || Start < to) && (from is null || End > from || (End == Start && Start >= from));

    public static EventInstance Single(StoredEvent source) => new(source, source.Id, source.Start, source.End, null);

    public static EventInstance Occurrence(StoredEvent series, DateTimeOffset originalStart) =>
        new(series, OccurrenceId(series, originalStart), originalStart, originalStart + series.Duration, originalStart);

    public static string OccurrenceId(StoredEvent series, DateTimeOffset originalStart) =>
        series.Id + "_" + originalStart.UtcDateTime.ToString(series.IsAllDay ? "yyyyMMdd" : "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Splits an occurrence id into its series id and original start.</summary>
    public static bool TryParseOccurrenceId(string id, out string seriesId, out DateTimeOffset originalStart)
    {
        seriesId = string.Empty;
        originalStart = default;
        var separator = id.LastIndexOf('_');
        if (separator <= 0)
        {
            return false;
        }

        var stamp = id[(separator + 1)..];
        string[] formats = ["yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd"];
        if (!DateTime.TryParseExact(stamp, formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        seriesId = id[..separator];
        originalStart = new DateTimeOffset(parsed, TimeSpan.Zero);
        return true;
    }
}

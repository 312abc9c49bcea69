namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>
/// What one CalDAV answer or event resource may cost, whatever the server sends: a resource over these limits is a
/// <see cref="MalformedItem"/> with its href, and the rest of the calendar goes on.
/// </summary>
internal static class CalDavLimits
{
    /// <summary>The most of one event resource (its iCalendar text, UTF-8) that is parsed.</summary>
    public const int MaxResourceBytes = 1024 * 1024;

    /// <summary>The most occurrences one resource may have within the window.</summary>
    public const int MaxOccurrences = 1_000;

    /// <summary>How deep BEGIN/END blocks may nest (VCALENDAR › VEVENT › VALARM is three).</summary>
    public const int MaxNesting = 8;

    /// <summary>The most steps a recurrence rule may take from its DTSTART to the window's end (a daily rule for 270 years; FREQ=SECONDLY for a day).</summary>
    public const long MaxRuleSteps = 100_000;

    /// <summary>The most candidates one step of a rule may expand to (the product of its BY* lists).</summary>
    public const long MaxRuleExpansion = 10_000;

    /// <summary>Steps of a rule without an occurrence before the evaluation stops (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30).</summary>
    public const int MaxUnmatchedSteps = 1_000;

    /// <summary>The most time the expansion of one resource may take.</summary>
    public static readonly TimeSpan MaxExpansionTime = TimeSpan.FromSeconds(2);

    /// <summary>The most of one HTTP answer that is read; a multiget answer over it is asked again in halves.</summary>
    public const int MaxResponseBytes = 32 * 1024 * 1024;

    /// <summary>Resources asked for per calendar-multiget.</summary>
    public const int MultigetChunk = 25;

    /// <summary>How often a truncated sync-collection answer (507 on the collection) is continued before the round gives up.</summary>
    public const int MaxSyncContinuations = 100;
}

/// <summary>An event resource beyond <see cref="CalDavLimits"/> or without what an event needs; the message names no content.</summary>
internal sealed class CalDavResourceException(string message) : Exception(message);

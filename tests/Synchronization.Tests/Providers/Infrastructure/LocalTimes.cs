using System.Globalization;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Tests.Providers.Infrastructure;

/// <summary>An instant compared with its offset too: the same instant shown at another offset is not the time the calendar shows.</summary>
internal static class LocalTimes
{
    public static (DateTime Utc, TimeSpan Offset) Expected(string iso)
    {
        var instant = DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
        return (instant.UtcDateTime, instant.Offset);
    }

    public static (DateTime Utc, TimeSpan Offset)? Seen(When when) =>
        when.Instant is { } instant ? (instant.UtcDateTime, instant.Offset) : null;
}

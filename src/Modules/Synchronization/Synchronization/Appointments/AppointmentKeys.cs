using System.Globalization;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Appointments;

/// <summary>
/// One stream per meeting occurrence of a tenant: the meeting's iCalendar UID (trimmed, case kept)
/// plus, for a recurring occurrence, its original start. The series UID must be used for every
/// occurrence (Google's iCalUID already is; for Graph, the series master's iCalUId), so the same
/// meeting seen by a Google user and a Microsoft user is one appointment.
/// </summary>
internal static class AppointmentKeys
{
    public static string For(string seriesUid, When? originalStart)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seriesUid);
        var occurrence = originalStart switch
        {
            null => string.Empty,
            { Instant: { } instant } => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            { Date: { } date } => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
        return $"appt-{ThreadKeys.Hash($"{seriesUid.Trim()}|{occurrence}")}";
    }
}

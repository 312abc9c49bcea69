using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Recording;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>
/// The calendar's changes since the calendar cursor, or the whole calendar window when there is none (occurrences
/// expanded): matched occurrences recorded into appointments, removed ones released, the calendar cursor advanced.
/// </summary>
/// <param name="coveredThrough">
/// For a round reading the whole window: the event store's high-water mark read before its first page
/// (<see cref="SyncCursors.CalendarCoveredThrough"/>); null for a round resuming from a cursor.
/// </param>
internal sealed class CalendarRound(RunMailbox mailbox, AppointmentRecorder appointments, string? cursor, CalendarWindow window, long? coveredThrough)
    : ISyncRound<CalendarItem, Matched<CalendarItem>>
{
    public IAsyncEnumerable<ProviderPage<CalendarItem>> ReadAsync(CancellationToken cancellationToken) =>
        mailbox.Reader.ReadCalendarAsync(mailbox.Access, cursor, window, cancellationToken);

    /// <summary>An occurrence carries all that recording needs: nothing more is read.</summary>
    public Task<IReadOnlyList<Matched<CalendarItem>>> FetchAsync(IReadOnlyList<Matched<CalendarItem>> matched, CancellationToken cancellationToken) =>
        Task.FromResult(matched);

    /// <summary>A meeting is never bulk mail: blocklist and internal rules apply at match time only.</summary>
    public string? FilteredBy(Matched<CalendarItem> ready, PrivacyFilter privacy) => null;

    public Task<SyncCounts> RecordAsync(IReadOnlyList<Matched<CalendarItem>> ready, CancellationToken cancellationToken) =>
        appointments.RecordAsync(mailbox.Owner, ready, cancellationToken);

    public async Task<SyncCounts> ReleaseAsync(IReadOnlyList<RemovedItem> removed, CancellationToken cancellationToken) =>
        SyncCounts.Recorded(await appointments.ReleaseAsync(mailbox.Owner, removed, cancellationToken), 0);

    public SyncCursors Advance(SyncCursors cursors, string cursorAfter) =>
        cursors with { Calendar = cursorAfter, CalendarCoveredThrough = coveredThrough ?? cursors.CalendarCoveredThrough };
}

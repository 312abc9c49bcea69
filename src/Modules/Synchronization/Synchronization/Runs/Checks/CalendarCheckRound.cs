using System.Runtime.CompilerServices;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs.Rounds;

namespace NavusoftSync.Synchronization.Runs.Checks;

/// <summary>
/// The calendar part of a completeness check: the whole calendar window listed again (no provider searches a calendar
/// by attendee). Of the matched occurrences, those the link has stored are counted present, and the missing ones that
/// are not cancelled are recorded as the calendar round records. The check moves no cursor and releases nothing (the
/// listing's cursor is dropped, so the link's calendar cursor stays where its syncs left it).
/// </summary>
internal sealed class CalendarCheckRound(RunMailbox mailbox, AppointmentRecorder appointments, LinkItemIndex stored, CompletenessTally tally, CalendarWindow window)
    : ISyncRound<CalendarItem, Matched<CalendarItem>>
{
    public async IAsyncEnumerable<ProviderPage<CalendarItem>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in mailbox.Reader.ReadCalendarAsync(mailbox.Access, null, window, cancellationToken))
        {
            yield return page with { Removed = [], CursorAfter = null };
        }
    }

    public async Task<IReadOnlyList<Matched<CalendarItem>>> FetchAsync(IReadOnlyList<Matched<CalendarItem>> matched, CancellationToken cancellationToken)
    {
        var live = matched.Where(m => !m.Item.IsCancelled).ToList();
        var ids = live.Select(m => m.Item.ProviderId).ToList();
        var missing = tally.Count(ids, await stored.StoredCalendarAsync(ids, cancellationToken));
        return [.. live.Where(m => missing.Contains(m.Item.ProviderId)).DistinctBy(m => m.Item.ProviderId)];
    }

    /// <summary>Meetings have no content rule (blocklist and internal apply at match time).</summary>
    public string? FilteredBy(Matched<CalendarItem> ready, PrivacyFilter privacy) => null;

    public Task<SyncCounts> RecordAsync(IReadOnlyList<Matched<CalendarItem>> ready, CancellationToken cancellationToken) =>
        appointments.RecordAsync(mailbox.Owner, ready, cancellationToken);

    public Task<SyncCounts> ReleaseAsync(IReadOnlyList<RemovedItem> removed, CancellationToken cancellationToken) => Task.FromResult(SyncCounts.Zero);

    public SyncCursors Advance(SyncCursors cursors, string cursorAfter) => cursors;
}

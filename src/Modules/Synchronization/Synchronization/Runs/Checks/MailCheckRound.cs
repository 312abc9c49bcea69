using System.Runtime.CompilerServices;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs.Rounds;

namespace NavusoftSync.Synchronization.Runs.Checks;

/// <summary>
/// One provider search of a completeness check: the mail window's messages involving up to
/// <see cref="SearchAddresses.MaxPerSearch"/> contact addresses. The page loop matches them (privacy rules included);
/// of the matched ones, those the link has stored are counted present, and only the missing ones have their bodies read
/// and are recorded, as the mail round records. A check moves no cursor and releases nothing.
/// </summary>
internal sealed class MailCheckRound(
    RunMailbox mailbox, ThreadRecorder threads, LinkItemIndex stored, CompletenessTally tally, IReadOnlyCollection<string> addresses, MailWindow window)
    : ISyncRound<MailItem, MatchedMessage>
{
    public async IAsyncEnumerable<ProviderPage<MailItem>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in mailbox.Reader.SearchMailAsync(mailbox.Access, addresses, window, cancellationToken))
        {
            yield return page with { CursorAfter = null };
        }
    }

    public async Task<IReadOnlyList<MatchedMessage>> FetchAsync(IReadOnlyList<Matched<MailItem>> matched, CancellationToken cancellationToken)
    {
        var ids = matched.Select(m => m.Item.ProviderId).ToList();
        var missing = tally.Count(ids, await stored.StoredMailAsync(ids, cancellationToken));
        var toRecord = matched.Where(m => missing.Contains(m.Item.ProviderId)).DistinctBy(m => m.Item.ProviderId).ToList();
        return toRecord.Count == 0 ? [] : await MailRound.BodiesOf(mailbox, toRecord, cancellationToken);
    }

    /// <summary>Bulk mail the policy excludes is filtered, as the mail round filters it: never missing, never repaired.</summary>
    public string? FilteredBy(MatchedMessage ready, PrivacyFilter privacy) => MailRound.BulkFilter(ready, privacy);

    public Task<SyncCounts> RecordAsync(IReadOnlyList<MatchedMessage> ready, CancellationToken cancellationToken) =>
        MailRound.Record(threads, mailbox.Owner, ready, cancellationToken);

    public Task<SyncCounts> ReleaseAsync(IReadOnlyList<RemovedItem> removed, CancellationToken cancellationToken) => Task.FromResult(SyncCounts.Zero);

    public SyncCursors Advance(SyncCursors cursors, string cursorAfter) => cursors;
}

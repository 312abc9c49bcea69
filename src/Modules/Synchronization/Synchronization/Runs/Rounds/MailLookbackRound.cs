using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Recording;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>
/// The look-back for addresses that became contacts after the mailbox was first read: one provider search over the
/// mail window for up to <see cref="SearchAddresses.MaxPerSearch"/> addresses, its messages recorded like the mail
/// round's. A search reports no removals and ends in no cursor, so the cursors stay where they are.
/// </summary>
internal sealed class MailLookbackRound(RunMailbox mailbox, ThreadRecorder threads, IReadOnlyCollection<string> addresses, MailWindow window)
    : ISyncRound<MailItem, MatchedMessage>
{
    public IAsyncEnumerable<ProviderPage<MailItem>> ReadAsync(CancellationToken cancellationToken) =>
        mailbox.Reader.SearchMailAsync(mailbox.Access, addresses, window, cancellationToken);

    public Task<IReadOnlyList<MatchedMessage>> FetchAsync(IReadOnlyList<Matched<MailItem>> matched, CancellationToken cancellationToken) =>
        MailRound.BodiesOf(mailbox, matched, cancellationToken);

    public string? FilteredBy(MatchedMessage ready, PrivacyFilter privacy) => MailRound.BulkFilter(ready, privacy);

    public Task<SyncCounts> RecordAsync(IReadOnlyList<MatchedMessage> ready, CancellationToken cancellationToken) =>
        MailRound.Record(threads, mailbox.Owner, ready, cancellationToken);

    public async Task<SyncCounts> ReleaseAsync(IReadOnlyList<RemovedItem> removed, CancellationToken cancellationToken) =>
        SyncCounts.Recorded(await threads.ReleaseAsync(mailbox.Owner, removed, cancellationToken), 0);

    public SyncCursors Advance(SyncCursors cursors, string cursorAfter) => cursors;
}

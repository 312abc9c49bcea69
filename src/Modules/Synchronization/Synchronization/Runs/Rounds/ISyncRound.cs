using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>
/// One source of items in a run (the mailbox's changes, a look-back search, the calendar's changes): the steps the
/// <see cref="PageLoop"/> takes for each page it reads. The loop matches each page's items against the tenant's
/// contacts under the mailbox's privacy rules (<see cref="PrivacyMatching"/>), then asks the round to fetch what the matched items need, to record them and release the page's
/// removals (both decided again if the page's commit loses a write race), and to say which cursors the page leads
/// to. A new provider or source is one more round and one more reader; no other round changes.
/// </summary>
/// <typeparam name="TItem">What the provider's pages list (a message, a meeting occurrence).</typeparam>
/// <typeparam name="TReady">A matched item with what recording it needs (a message with its body).</typeparam>
internal interface ISyncRound<TItem, TReady>
    where TItem : IParticipantItem<TItem>
{
    /// <summary>The round's pages, from its cursor (or the whole window when it has none).</summary>
    IAsyncEnumerable<ProviderPage<TItem>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>What the page's matched items need to be recorded, read once per page (not again on a write race).</summary>
    Task<IReadOnlyList<TReady>> FetchAsync(IReadOnlyList<Matched<TItem>> matched, CancellationToken cancellationToken);

    /// <summary>
    /// The privacy rule that keeps a fetched item out once its content is known (mail: headers marking it bulk), or
    /// null to record it. A filtered item is counted under that rule and never recorded.
    /// </summary>
    string? FilteredBy(TReady ready, PrivacyFilter privacy);

    /// <summary>Decides and appends the items' events through the run's session (the loop commits).</summary>
    Task<SyncCounts> RecordAsync(IReadOnlyList<TReady> ready, CancellationToken cancellationToken);

    /// <summary>Releases the items the page reports removed (the loop commits).</summary>
    Task<SyncCounts> ReleaseAsync(IReadOnlyList<RemovedItem> removed, CancellationToken cancellationToken);

    /// <summary>The link's cursors once a page ending in <paramref name="cursorAfter"/> is committed.</summary>
    SyncCursors Advance(SyncCursors cursors, string cursorAfter);
}

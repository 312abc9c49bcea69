using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Telemetry;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>
/// Takes a round's pages one by one, each committed with the cursors it leads to, so a crash anywhere resumes from
/// the last committed page and replays nothing twice (recording is idempotent). Each page's items are capped
/// (<see cref="ParticipantCap"/>) and matched against the tenant's contacts in lookups of at most
/// <see cref="FindContactsByEmails.MaxEmails"/> addresses, under the mailbox's privacy rules (loaded once per run,
/// <see cref="RunProgress.Privacy"/>); the matched ones are fetched, screened once more on their content, recorded and
/// committed with the page's removals. A filtered item is only counted under its rule: nothing of it is stored. The
/// next page is read while one is recorded (<see cref="ReadAhead"/>). A commit that loses a write race is decided
/// again (<see cref="PageAttempts"/>); a page whose recording fails on one item
/// (<see cref="ItemFailures.IsItemLevel"/>) is recorded item by item and the failing items skipped. Only provider ids
/// and counts are logged; nothing of an unmatched item is kept.
/// </summary>
internal sealed partial class PageLoop(IDocumentSession session, ISender sender, ILogger<PageLoop> logger)
{
    public const int PageAttempts = 3;

    public async Task<SyncCounts> RunAsync<TItem, TReady>(ISyncRound<TItem, TReady> round, RunProgress progress, CancellationToken cancellationToken)
        where TItem : IParticipantItem<TItem>
    {
        // The round's span parents the provider calls of its reads; each page's span parents its matching and commit.
        using var span = SyncTelemetry.StartStep("sync.round", round.GetType().Name);
        var counts = SyncCounts.Zero;
        await foreach (var page in round.ReadAsync(cancellationToken).OnePageAhead(cancellationToken))
        {
            counts = counts.Add(await TakeAsync(round, page, progress, cancellationToken));
        }

        return counts;
    }

    public static bool IsWriteRace(Exception exception) =>
        exception is JasperFx.ConcurrencyException or global::Marten.Exceptions.ExistingStreamIdCollisionException;

    private async Task<SyncCounts> TakeAsync<TItem, TReady>(ISyncRound<TItem, TReady> round, ProviderPage<TItem> page, RunProgress progress, CancellationToken cancellationToken)
        where TItem : IParticipantItem<TItem>
    {
        using var span = SyncTelemetry.StartStep("sync.page");
        span?.SetTag("navusoftsync.page.items", page.Items.Count);
        var items = page.Items.Select(i => i.Capped()).ToList();
        var (matched, filtered) = await MatchAsync(items, progress.Privacy, cancellationToken);
        var next = page.CursorAfter is { } after ? round.Advance(progress.Current, after) : null;
        foreach (var item in page.Malformed)
        {
            Skip(progress, item.ProviderId, RunSentences.Unreadable, item.Reason);
        }

        var pageWork = new PageWork<TItem>(matched, page.Removed, next, page.Items.Count);
        SyncCounts recorded;
        var failed = 0;
        try
        {
            recorded = await CommitAsync(round, pageWork, progress, cancellationToken);
        }
        catch (Exception exception) when (ItemFailures.IsItemLevel(exception))
        {
            session.EjectAllPendingChanges();
            LogRecordingEach(logger, exception, progress.LinkId, matched.Count);
            (recorded, failed) = await CommitEachAsync(round, pageWork, progress, cancellationToken);
        }

        progress.Current = next ?? progress.Current;
        return SyncCounts.OfPage(page, items, failed, recorded.Add(filtered));
    }

    /// <summary>
    /// The page's items that match at least one account under the mailbox's privacy rules, with their matches, and the
    /// items the rules filtered, counted by rule (<see cref="PrivacyMatching"/>). Every address is looked up, blocked
    /// ones too, so that an item matching only through blocked addresses is told from one that matches nobody.
    /// </summary>
    private async Task<(IReadOnlyList<Matched<TItem>> Matched, SyncCounts Filtered)> MatchAsync<TItem>(
        IReadOnlyList<TItem> items, PrivacyFilter privacy, CancellationToken cancellationToken)
        where TItem : IParticipantItem<TItem>
    {
        var addressed = items.Select(i => (Item: i, Addresses: ContactMatches.AddressesOf(i))).ToList();
        var lookup = await LookupAsync(addressed.SelectMany(i => i.Addresses), cancellationToken);
        var matched = new List<Matched<TItem>>();
        var filtered = SyncCounts.Zero;
        foreach (var (item, addresses) in addressed)
        {
            var outcome = PrivacyMatching.Match(item, addresses, lookup, privacy);
            if (outcome.Kept)
            {
                matched.Add(new Matched<TItem>(item, outcome.Matches));
            }
            else if (outcome.FilteredBy is { } rule)
            {
                filtered = filtered.Add(SyncCounts.FilteredBy(rule, 1));
            }
        }

        return (matched, filtered);
    }

    /// <summary>The page's distinct addresses resolved in lookups of at most <see cref="FindContactsByEmails.MaxEmails"/>, answers merged.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>>> LookupAsync(IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, IReadOnlyList<ContactMatch>>(StringComparer.Ordinal);
        foreach (var chunk in addresses.Distinct(StringComparer.Ordinal).Chunk(FindContactsByEmails.MaxEmails))
        {
            foreach (var (address, matches) in await sender.Send(new FindContactsByEmails(chunk), cancellationToken))
            {
                found[address] = matches;
            }
        }

        return found;
    }

    /// <summary>
    /// The page in one transaction: its matched items fetched once, then recorded, its removals released and its
    /// cursors stored. Another link's run writing one of the same threads or appointments first fails the commit
    /// (optimistic concurrency: two users' mailboxes holding the same mail, synced at the same moment); the page is
    /// then decided again on what that run committed, up to <see cref="PageAttempts"/> times, after which the run
    /// ends as failed and the next run reads the page again.
    /// </summary>
    private async Task<SyncCounts> CommitAsync<TItem, TReady>(ISyncRound<TItem, TReady> round, PageWork<TItem> work, RunProgress progress, CancellationToken cancellationToken)
        where TItem : IParticipantItem<TItem>
    {
        IReadOnlyList<TReady> fetched = work.Matched.Count == 0 ? [] : await round.FetchAsync(work.Matched, cancellationToken);
        var (ready, screened) = Screen(round, fetched, progress.Privacy);
        for (var attempt = 1; ; attempt++)
        {
            var counts = (await round.RecordAsync(ready, cancellationToken)).Add(await round.ReleaseAsync(work.Removed, cancellationToken));
            if (work.Next is not null)
            {
                session.Store(work.Next);
            }

            var committed = progress.Committed?.After(work.Scanned, counts.New);
            if (committed is not null)
            {
                session.Store(committed); // in the page's own transaction: the link shows what is committed, no more
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
                progress.Committed = committed ?? progress.Committed;
                return counts.Add(screened);
            }
            catch (Exception exception) when (IsWriteRace(exception) && attempt < PageAttempts)
            {
                session.EjectAllPendingChanges();
                LogWriteRace(logger, progress.LinkId, attempt);
            }
        }
    }

    /// <summary>
    /// The fetched items the rules still keep once their content is known (<see cref="ISyncRound{TItem, TReady}.FilteredBy"/>),
    /// counted as matched, and the others counted under their rule: only the kept ones are recorded.
    /// </summary>
    private static (IReadOnlyList<TReady> Ready, SyncCounts Counts) Screen<TItem, TReady>(ISyncRound<TItem, TReady> round, IReadOnlyList<TReady> fetched, PrivacyFilter privacy)
        where TItem : IParticipantItem<TItem>
    {
        var ready = new List<TReady>(fetched.Count);
        var counts = SyncCounts.Zero;
        foreach (var item in fetched)
        {
            if (round.FilteredBy(item, privacy) is { } rule)
            {
                counts = counts.Add(SyncCounts.FilteredBy(rule, 1));
            }
            else
            {
                ready.Add(item);
            }
        }

        return (ready, counts with { Matched = ready.Count });
    }

    /// <summary>
    /// The page again, one matched item per transaction (fetched, decided and committed alone): an item that fails
    /// on its own content is skipped with its provider id and the reason, and the others are recorded. Then the
    /// removals and the cursors, so a poison item is passed for good rather than failing every later run on the same
    /// page. (A crash between these commits reads the page again; recording is idempotent.)
    /// </summary>
    private async Task<(SyncCounts Recorded, int Failed)> CommitEachAsync<TItem, TReady>(
        ISyncRound<TItem, TReady> round, PageWork<TItem> work, RunProgress progress, CancellationToken cancellationToken)
        where TItem : IParticipantItem<TItem>
    {
        var (recorded, failed) = (SyncCounts.Zero, 0);
        foreach (var item in work.Matched)
        {
            try
            {
                recorded = recorded.Add(await CommitAsync(round, new PageWork<TItem>([item], [], null, 0), progress, cancellationToken));
            }
            catch (Exception exception) when (ItemFailures.IsItemLevel(exception))
            {
                session.EjectAllPendingChanges();
                Skip(progress, item.Item.ProviderId, ItemFailures.Sentence(exception), ItemFailures.Detail(exception));
                recorded = recorded with { Matched = recorded.Matched + 1 }; // matched, then skipped
                failed++;
            }
        }

        recorded = recorded.Add(await CommitAsync(round, work with { Matched = [] }, progress, cancellationToken));
        return (recorded, failed);
    }

    /// <summary>The item skipped with the sentence a person reads; the log line keeps the technical cause.</summary>
    private void Skip(RunProgress progress, string providerId, string sentence, string detail)
    {
        LogSkipped(logger, progress.LinkId, providerId, detail);
        progress.Skipped.Add(providerId, sentence);
    }

    /// <summary>
    /// What one commit of a page holds: matched items to record, removals to release, the cursors to store (null: none),
    /// and how many of the page's items the commit counts as scanned (the page's, once: none for an item committed alone).
    /// </summary>
    private sealed record PageWork<TItem>(IReadOnlyList<Matched<TItem>> Matched, IReadOnlyList<RemovedItem> Removed, SyncCursors? Next, int Scanned);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: another mailbox's sync wrote the same thread or appointment first (attempt {Attempt}); deciding the page again")]
    private static partial void LogWriteRace(ILogger logger, string linkId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: recording a page of {Matched} matched items failed on one item; recording them one by one")]
    private static partial void LogRecordingEach(ILogger logger, Exception exception, string linkId, int matched);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: skipped item {ProviderId}: {Detail}")]
    private static partial void LogSkipped(ILogger logger, string linkId, string providerId, string detail);
}

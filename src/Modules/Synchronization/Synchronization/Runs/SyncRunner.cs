using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Contacts;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Recording;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// One sync run of one link: mail, then calendar. Each provider page is matched against the
/// tenant's contacts (in lookups of at most <see cref="FindContactsByEmails.MaxEmails"/> addresses),
/// recorded, and committed together with the cursor it leads to, so a crash anywhere resumes from
/// the last committed page and replays nothing twice (recording is idempotent). An expired cursor
/// starts one full round, which appends no duplicate. No single item stops a page: participants
/// are capped per item (<see cref="ParticipantCap"/>), and an item that cannot be read or recorded
/// is skipped with its provider id and a reason (<see cref="ItemFailures"/>), listed on the run's
/// completed event. Only provider ids and counts are logged; nothing of an unmatched item is kept.
/// </summary>
internal sealed partial class SyncRunner(
    IDocumentSession session,
    ISender sender,
    IEnumerable<IProviderReader> readers,
    ThreadRecorder threads,
    AppointmentRecorder appointments,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncRunner> logger)
{
    public async Task<SyncRunCompleted> RunAsync(MailboxOwner owner, MailboxAccess access, string runId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var reader = readers.FirstOrDefault(r => r.Provider == owner.Provider)
            ?? throw new InvalidOperationException($"No reader for provider '{owner.Provider}'.");
        var started = clock.GetUtcNow();
        session.Events.Append(SyncStreamKey(owner.LinkId), new SyncRunStarted(owner.LinkId, runId, started, trigger));
        await session.SaveChangesAsync(cancellationToken);
        var progress = new RunProgress(await session.LoadAsync<SyncCursors>(owner.LinkId, cancellationToken) ?? new SyncCursors(owner.LinkId, null, null));
        var settings = options.Value;

        var lookbacks = await session.Query<LookbackRequest>().Where(r => r.LinkId == owner.LinkId).ToListAsync(cancellationToken);

        var mailWindow = new MailWindow(started.AddDays(-settings.InitialEmailDays));
        var (mail, mailResync) = await WithResyncAsync(
            progress.Current.Mail,
            cursor => RunMailAsync(owner, reader, access, cursor, mailWindow, progress, cancellationToken),
            "mail", owner.LinkId);

        // Addresses whose contact event was committed before the current mail chain's full read began
        // were matched by that read already (a link established during a large import): no search.
        var mailLookbacks = lookbacks.Where(l => !progress.Current.MailCovers(l.AppearedSequence)).ToList();
        if (mailLookbacks.Count > 0 && !mailResync && progress.Current.Mail is not null)
        {
            mail = mail.Add(await LookBackAsync(owner, reader, access, mailLookbacks, mailWindow, progress, cancellationToken));
        }

        // New contact addresses: the calendar window is read in full once more (idempotent, appends only
        // what now matches), since no provider searches a calendar by attendee.
        var calendarWindow = new CalendarWindow(started.AddDays(-settings.CalendarPastDays), started.AddDays(settings.CalendarFutureDays));
        var calendarLookback = lookbacks.Any(l => !progress.Current.CalendarCovers(l.AppearedSequence));
        var (calendar, calendarResync) = await WithResyncAsync(
            calendarLookback ? null : progress.Current.Calendar,
            cursor => RunCalendarAsync(owner, reader, access, cursor, calendarWindow, progress, cancellationToken),
            "calendar", owner.LinkId);
        foreach (var lookback in lookbacks)
        {
            session.Delete(lookback);
        }

        var completed = new SyncRunCompleted(
            owner.LinkId, runId, started, clock.GetUtcNow(), mail, calendar, mailResync, calendarResync, progress.Current.Mail, progress.Current.Calendar,
            [.. progress.Skipped.Items]);
        session.Events.Append(SyncStreamKey(owner.LinkId), completed);
        await session.SaveChangesAsync(cancellationToken);
        LogCompleted(logger, owner.LinkId, mail.Scanned, mail.Recorded, calendar.Scanned, calendar.Recorded, (completed.FinishedAt - started).TotalMilliseconds);
        return completed;
    }

    public static string SyncStreamKey(string linkId) => $"sync:{linkId}";

    private async Task<(SyncCounts Counts, bool Resynced)> WithResyncAsync(string? cursor, Func<string?, Task<SyncCounts>> round, string part, string linkId)
    {
        try
        {
            return (await round(cursor), false);
        }
        catch (CursorExpiredException) when (cursor is not null)
        {
            LogResync(logger, linkId, part);
            return (await round(null), true);
        }
    }

    private async Task<SyncCounts> RunMailAsync(
        MailboxOwner owner, IProviderReader reader, MailboxAccess access, string? cursor, MailWindow window, RunProgress progress, CancellationToken cancellationToken)
    {
        var coveredThrough = await FullReadMarkAsync(cursor, cancellationToken);
        return await RunRoundAsync(
            owner,
            progress,
            reader.ReadMailAsync(access, cursor, window, cancellationToken),
            MailRound(owner, reader, access, (c, after) => c with { Mail = after, MailCoveredThrough = coveredThrough ?? c.MailCoveredThrough }, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// For a round that reads the whole window (no cursor): the event store's high-water mark (every
    /// event at or below it is committed; the integration-event subscription delivers nothing above
    /// it), read before its first page is matched. Null for a round resuming from a cursor.
    /// </summary>
    private async Task<long?> FullReadMarkAsync(string? cursor, CancellationToken cancellationToken)
    {
        if (cursor is not null)
        {
            return null;
        }

        var progress = await session.DocumentStore.Advanced.AllProjectionProgress(token: cancellationToken);
        return progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
    }

    /// <summary>
    /// The look-back for addresses that became contacts after the mailbox was first read: the
    /// provider's search over the mail window, up to <see cref="SearchAddresses.MaxPerSearch"/>
    /// addresses per search, recorded like any page (the cursors stay where they are).
    /// </summary>
    private async Task<SyncCounts> LookBackAsync(
        MailboxOwner owner, IProviderReader reader, MailboxAccess access, IReadOnlyList<LookbackRequest> lookbacks, MailWindow window,
        RunProgress progress, CancellationToken cancellationToken)
    {
        var counts = SyncCounts.Zero;
        var addresses = lookbacks.Select(l => l.Address).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        foreach (var batch in addresses.Chunk(SearchAddresses.MaxPerSearch))
        {
            counts = counts.Add(await RunRoundAsync(
                owner,
                progress,
                reader.SearchMailAsync(access, batch, window, cancellationToken),
                MailRound(owner, reader, access, (c, _) => c, cancellationToken) with { Release = _ => Task.FromResult(0) },
                cancellationToken));
        }

        return counts;
    }

    private Round<MailItem> MailRound(
        MailboxOwner owner, IProviderReader reader, MailboxAccess access, Func<SyncCursors, string, SyncCursors> advance, CancellationToken cancellationToken) => new(
        ContactMatches.AddressesOf,
        ParticipantCap.Apply,
        m => m.ProviderId,
        m => m.ParticipantsOmitted,
        matched => PrepareMailAsync(owner, reader, access, matched, cancellationToken),
        removed => threads.ReleaseAsync(owner, removed, cancellationToken),
        advance);

    /// <summary>Reads the matched messages' bodies once; the returned step records them (run again if the page's commit loses a race).</summary>
    private async Task<Func<Task<(int Appended, int New)>>> PrepareMailAsync(
        MailboxOwner owner, IProviderReader reader, MailboxAccess access, IReadOnlyList<Matched<MailItem>> matched, CancellationToken cancellationToken)
    {
        var contents = matched.Count == 0
            ? new Dictionary<string, MessageContent>()
            : await reader.ReadBodiesAsync(access, [.. matched.Select(m => m.Item.ProviderId)], cancellationToken);
        return () => threads.RecordAsync(owner, matched, contents, cancellationToken);
    }

    private async Task<SyncCounts> RunCalendarAsync(
        MailboxOwner owner, IProviderReader reader, MailboxAccess access, string? cursor, CalendarWindow window, RunProgress progress, CancellationToken cancellationToken)
    {
        var coveredThrough = await FullReadMarkAsync(cursor, cancellationToken);
        return await RunRoundAsync(
            owner,
            progress,
            reader.ReadCalendarAsync(access, cursor, window, cancellationToken),
            new Round<CalendarItem>(
                ContactMatches.AddressesOf,
                ParticipantCap.Apply,
                a => a.ProviderId,
                a => a.ParticipantsOmitted,
                matched => Task.FromResult<Func<Task<(int Appended, int New)>>>(() => appointments.RecordAsync(owner, matched, cancellationToken)),
                removed => appointments.ReleaseAsync(owner, removed, cancellationToken),
                (c, after) => c with { Calendar = after, CalendarCoveredThrough = coveredThrough ?? c.CalendarCoveredThrough }),
            cancellationToken);
    }

    /// <summary>What a round does with its kind of item (mail or calendar): one named step each.</summary>
    /// <param name="AddressesOf">The item's normalized participant addresses.</param>
    /// <param name="Cap">The item with its participants capped (<see cref="ParticipantCap"/>).</param>
    /// <param name="IdOf">The provider id, the only thing said about a skipped item.</param>
    /// <param name="OmittedOf">How many participants the cap dropped.</param>
    /// <param name="Prepare">Reads what recording needs (bodies) and returns the step that records the matched items.</param>
    /// <param name="Release">Releases the page's removed items.</param>
    /// <param name="Advance">The cursors once the page's cursor is reached.</param>
    private sealed record Round<TItem>(
        Func<TItem, IReadOnlyList<string>> AddressesOf,
        Func<TItem, TItem> Cap,
        Func<TItem, string> IdOf,
        Func<TItem, int> OmittedOf,
        Func<IReadOnlyList<Matched<TItem>>, Task<Func<Task<(int Appended, int New)>>>> Prepare,
        Func<IReadOnlyList<RemovedItem>, Task<int>> Release,
        Func<SyncCursors, string, SyncCursors> Advance);

    /// <summary>
    /// One round (mail or calendar): each page matched (its items' participants capped first), its
    /// matched items recorded and its removals released, then committed with the cursor it leads to.
    /// The next page is fetched while one is recorded (<see cref="ReadAhead"/>). When recording the
    /// page as a whole fails on one item (<see cref="ItemFailures.IsItemLevel"/>), the page is
    /// recorded item by item instead and the failing items skipped (<see cref="RecordEachAsync"/>).
    /// </summary>
    private async Task<SyncCounts> RunRoundAsync<TItem>(
        MailboxOwner owner, RunProgress progress, IAsyncEnumerable<ProviderPage<TItem>> pages, Round<TItem> round, CancellationToken cancellationToken)
    {
        var counts = SyncCounts.Zero;
        await foreach (var page in pages.OnePageAhead(cancellationToken))
        {
            var items = page.Items.Select(round.Cap).Select(i => (Item: i, Addresses: round.AddressesOf(i))).ToList();
            var lookup = await LookupAsync(items.SelectMany(i => i.Addresses), cancellationToken);
            var matched = items
                .Select(i => new Matched<TItem>(i.Item, ContactMatches.For(i.Addresses, lookup)))
                .Where(m => m.Matches.Any)
                .ToList();
            var next = page.CursorAfter is { } after ? round.Advance(progress.Current, after) : null;
            LogMalformed(owner.LinkId, page.Malformed);
            progress.Skipped.Add(page.Malformed);
            var skipped = page.Malformed.Count;
            int added, appended;
            try
            {
                (added, appended) = await RecordPageAsync(owner.LinkId, matched, page.Removed, next, round, cancellationToken);
            }
            catch (Exception exception) when (ItemFailures.IsItemLevel(exception))
            {
                session.EjectAllPendingChanges();
                LogRecordingEach(logger, exception, owner.LinkId, matched.Count);
                var each = await RecordEachAsync(owner.LinkId, matched, page.Removed, next, round, progress.Skipped, cancellationToken);
                (added, appended, skipped) = (each.Added, each.Appended, skipped + each.Skipped);
            }

            progress.Current = next ?? progress.Current;
            counts = counts.Add(new SyncCounts(page.Items.Count, matched.Count, added, page.Removed.Count, skipped, appended, items.Sum(i => round.OmittedOf(i.Item))));
        }

        return counts;
    }

    /// <summary>The page in one transaction: its matched items recorded, its removals released, its cursor stored.</summary>
    private async Task<(int Added, int Appended)> RecordPageAsync<TItem>(
        string linkId, IReadOnlyList<Matched<TItem>> matched, IReadOnlyList<RemovedItem> removed, SyncCursors? next, Round<TItem> round, CancellationToken cancellationToken)
    {
        var record = await round.Prepare(matched);
        return await CommitPageAsync(linkId, async () =>
        {
            var (recorded, added) = await record();
            var appended = recorded + await round.Release(removed);
            if (next is not null)
            {
                session.Store(next);
            }

            return (added, appended);
        }, cancellationToken);
    }

    /// <summary>
    /// The page again, one matched item per transaction (its body read alone, its recording decided and
    /// committed alone): an item that fails on its own content is skipped with its provider id and the
    /// reason, and the others are recorded. Then the removals and the cursor, so a poison item is passed
    /// for good rather than failing every later run on the same page. (A crash between these commits
    /// reads the page again; recording is idempotent.)
    /// </summary>
    private async Task<(int Added, int Appended, int Skipped)> RecordEachAsync<TItem>(
        string linkId, IReadOnlyList<Matched<TItem>> matched, IReadOnlyList<RemovedItem> removed, SyncCursors? next, Round<TItem> round,
        SkippedList skippedList, CancellationToken cancellationToken)
    {
        var (added, appended, skipped) = (0, 0, 0);
        foreach (var item in matched)
        {
            try
            {
                var one = await RecordPageAsync(linkId, [item], [], null, round, cancellationToken);
                (added, appended) = (added + one.Added, appended + one.Appended);
            }
            catch (Exception exception) when (ItemFailures.IsItemLevel(exception))
            {
                session.EjectAllPendingChanges();
                var id = round.IdOf(item.Item);
                var reason = ItemFailures.Reason(exception);
                LogSkipped(logger, linkId, id, reason);
                skippedList.Add(id, reason);
                skipped++;
            }
        }

        appended += (await RecordPageAsync(linkId, [], removed, next, round, cancellationToken)).Appended;
        return (added, appended, skipped);
    }

    /// <summary>
    /// The page's events, index entries and (on a round's last page) its cursor: one transaction.
    /// Another link's run writing one of the same threads or appointments first fails this commit
    /// (optimistic concurrency: two users' mailboxes holding the same mail, synced at the same moment).
    /// The page is then decided again on what that run committed, up to <see cref="PageAttempts"/>
    /// times; after that the run ends as failed and the next run reads the page again.
    /// </summary>
    private async Task<T> CommitPageAsync<T>(string linkId, Func<Task<T>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await decide();
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                return result;
            }
            catch (Exception exception) when (IsWriteRace(exception) && attempt < PageAttempts)
            {
                session.EjectAllPendingChanges();
                LogWriteRace(logger, linkId, attempt);
            }
        }
    }

    private const int PageAttempts = 3;

    public static bool IsWriteRace(Exception exception) =>
        exception is JasperFx.ConcurrencyException or global::Marten.Exceptions.ExistingStreamIdCollisionException;

    /// <summary>The link's cursors as this run last committed them (loaded once per run), and the items it skipped.</summary>
    private sealed class RunProgress(SyncCursors initial)
    {
        public SyncCursors Current { get; set; } = initial;

        public SkippedList Skipped { get; } = new();
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

    private void LogMalformed(string linkId, IReadOnlyList<MalformedItem> malformed)
    {
        foreach (var item in malformed)
        {
            LogSkipped(logger, linkId, item.ProviderId, item.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId} synced: mail {MailScanned} scanned/{MailRecorded} recorded, calendar {CalendarScanned} scanned/{CalendarRecorded} recorded in {ElapsedMs:0} ms")]
    private static partial void LogCompleted(ILogger logger, string linkId, int mailScanned, int mailRecorded, int calendarScanned, int calendarRecorded, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: the {Part} cursor expired; running a full round")]
    private static partial void LogResync(ILogger logger, string linkId, string part);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId}: another mailbox's sync wrote the same thread or appointment first (attempt {Attempt}); deciding the page again")]
    private static partial void LogWriteRace(ILogger logger, string linkId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: recording a page of {Matched} matched items failed on one item; recording them one by one")]
    private static partial void LogRecordingEach(ILogger logger, Exception exception, string linkId, int matched);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: skipped item {ProviderId}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string linkId, string providerId, string reason);
}

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
/// tenant's contacts in one lookup, recorded, and committed together with the cursor it leads to,
/// so a crash anywhere resumes from the last committed page and replays nothing twice (recording
/// is idempotent). An expired cursor starts one full round, which appends no duplicate.
/// Only provider ids and counts are logged; nothing of an unmatched item is kept.
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
    public async Task<SyncRunCompleted> RunAsync(MailboxOwner owner, MailboxAccess access, string runId, CancellationToken cancellationToken)
    {
        var reader = readers.FirstOrDefault(r => r.Provider == owner.Provider)
            ?? throw new InvalidOperationException($"No reader for provider '{owner.Provider}'.");
        var started = clock.GetUtcNow();
        session.Events.Append(SyncStreamKey(owner.LinkId), new SyncRunStarted(owner.LinkId, runId, started));
        await session.SaveChangesAsync(cancellationToken);
        var cursors = new CursorHolder(await session.LoadAsync<SyncCursors>(owner.LinkId, cancellationToken) ?? new SyncCursors(owner.LinkId, null, null));
        var settings = options.Value;

        var lookbacks = await session.Query<LookbackRequest>().Where(r => r.LinkId == owner.LinkId).ToListAsync(cancellationToken);

        var mailWindow = new MailWindow(started.AddDays(-settings.InitialEmailDays));
        var (mail, mailResync) = await WithResyncAsync(
            cursors.Current.Mail,
            cursor => RunMailAsync(owner, reader, access, cursor, mailWindow, cursors, cancellationToken),
            "mail", owner.LinkId);

        // Addresses whose contact event was committed before the current mail chain's full read began
        // were matched by that read already (a link established during a large import): no search.
        var mailLookbacks = lookbacks.Where(l => !cursors.Current.MailCovers(l.AppearedSequence)).ToList();
        if (mailLookbacks.Count > 0 && !mailResync && cursors.Current.Mail is not null)
        {
            mail = mail.Add(await LookBackAsync(owner, reader, access, mailLookbacks, mailWindow, cursors, cancellationToken));
        }

        // New contact addresses: the calendar window is read in full once more (idempotent, appends only
        // what now matches), since no provider searches a calendar by attendee.
        var calendarWindow = new CalendarWindow(started.AddDays(-settings.CalendarPastDays), started.AddDays(settings.CalendarFutureDays));
        var calendarLookback = lookbacks.Any(l => !cursors.Current.CalendarCovers(l.AppearedSequence));
        var (calendar, calendarResync) = await WithResyncAsync(
            calendarLookback ? null : cursors.Current.Calendar,
            cursor => RunCalendarAsync(owner, reader, access, cursor, calendarWindow, cursors, cancellationToken),
            "calendar", owner.LinkId);
        foreach (var lookback in lookbacks)
        {
            session.Delete(lookback);
        }

        var completed = new SyncRunCompleted(
            owner.LinkId, runId, started, clock.GetUtcNow(), mail, calendar, mailResync, calendarResync, cursors.Current.Mail, cursors.Current.Calendar);
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
        MailboxOwner owner, IProviderReader reader, MailboxAccess access, string? cursor, MailWindow window, CursorHolder cursors, CancellationToken cancellationToken)
    {
        var coveredThrough = await FullReadMarkAsync(cursor, cancellationToken);
        return await RunRoundAsync(
            owner,
            cursors,
            reader.ReadMailAsync(access, cursor, window, cancellationToken),
            ContactMatches.AddressesOf,
            matched => PrepareMailAsync(owner, reader, access, matched, cancellationToken),
            removed => threads.ReleaseAsync(owner, removed, cancellationToken),
            (c, after) => c with { Mail = after, MailCoveredThrough = coveredThrough ?? c.MailCoveredThrough },
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
        CursorHolder cursors, CancellationToken cancellationToken)
    {
        var counts = SyncCounts.Zero;
        var addresses = lookbacks.Select(l => l.Address).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        foreach (var batch in addresses.Chunk(SearchAddresses.MaxPerSearch))
        {
            counts = counts.Add(await RunRoundAsync(
                owner,
                cursors,
                reader.SearchMailAsync(access, batch, window, cancellationToken),
                ContactMatches.AddressesOf,
                matched => PrepareMailAsync(owner, reader, access, matched, cancellationToken),
                _ => Task.FromResult(0),
                (c, _) => c,
                cancellationToken));
        }

        return counts;
    }

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
        MailboxOwner owner, IProviderReader reader, MailboxAccess access, string? cursor, CalendarWindow window, CursorHolder cursors, CancellationToken cancellationToken)
    {
        var coveredThrough = await FullReadMarkAsync(cursor, cancellationToken);
        return await RunRoundAsync(
            owner,
            cursors,
            reader.ReadCalendarAsync(access, cursor, window, cancellationToken),
            ContactMatches.AddressesOf,
            matched => Task.FromResult<Func<Task<(int Appended, int New)>>>(() => appointments.RecordAsync(owner, matched, cancellationToken)),
            removed => appointments.ReleaseAsync(owner, removed, cancellationToken),
            (c, after) => c with { Calendar = after, CalendarCoveredThrough = coveredThrough ?? c.CalendarCoveredThrough },
            cancellationToken);
    }

    /// <summary>
    /// One round (mail or calendar): each page matched in one lookup, its matched items recorded
    /// and its removals released, then committed with the cursor it leads to. The next page is
    /// fetched while one is recorded (<see cref="ReadAhead"/>).
    /// </summary>
    private async Task<SyncCounts> RunRoundAsync<TItem>(
        MailboxOwner owner,
        CursorHolder cursors,
        IAsyncEnumerable<ProviderPage<TItem>> pages,
        Func<TItem, IReadOnlyList<string>> addressesOf,
        Func<IReadOnlyList<Matched<TItem>>, Task<Func<Task<(int Appended, int New)>>>> prepare,
        Func<IReadOnlyList<RemovedItem>, Task<int>> release,
        Func<SyncCursors, string, SyncCursors> advance,
        CancellationToken cancellationToken)
    {
        var counts = SyncCounts.Zero;
        await foreach (var page in pages.OnePageAhead(cancellationToken))
        {
            var lookup = await LookupAsync(page.Items.SelectMany(addressesOf), cancellationToken);
            var matched = page.Items
                .Select(i => new Matched<TItem>(i, ContactMatches.For(addressesOf(i), lookup)))
                .Where(m => m.Matches.Any)
                .ToList();
            var record = await prepare(matched);
            var next = page.CursorAfter is { } after ? advance(cursors.Current, after) : null;
            var (added, appended) = await CommitPageAsync(owner.LinkId, async () =>
            {
                var (recorded, added) = await record();
                var appended = recorded + await release(page.Removed);
                if (next is not null)
                {
                    session.Store(next);
                }

                return (added, appended);
            }, cancellationToken);
            cursors.Current = next ?? cursors.Current;

            LogMalformed(owner.LinkId, page.Malformed);
            counts = counts.Add(new SyncCounts(page.Items.Count, matched.Count, added, page.Removed.Count, page.Malformed.Count, appended));
        }

        return counts;
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

    /// <summary>The link's cursors as this run last committed them (loaded once per run).</summary>
    private sealed class CursorHolder(SyncCursors initial)
    {
        public SyncCursors Current { get; set; } = initial;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>>> LookupAsync(IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var distinct = addresses.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0
            ? new Dictionary<string, IReadOnlyList<ContactMatch>>()
            : await sender.Send(new FindContactsByEmails(distinct), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: skipped malformed item {ProviderId}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string linkId, string providerId, string reason);
}

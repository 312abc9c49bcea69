using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.Contacts;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs.Planning;
using NavusoftSync.Synchronization.Runs.Progress;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>
/// The rounds of one run, in order: the mail round, the mail look-back for addresses that became contacts, the
/// calendar round. A round whose stored cursor expired runs once more over the whole window (it appends no
/// duplicate). The look-back requests are deleted with the run's completed event (the caller commits that). The
/// mailbox's privacy rules are read once, before the first round, and apply to every round of the run.
/// </summary>
internal sealed partial class RunRounds(
    IDocumentSession session, ISender sender, PageLoop pages, ThreadRecorder threads, AppointmentRecorder appointments, IOptions<SyncOptions> options,
    TimeProvider clock, ILogger<RunRounds> logger)
{
    public async Task<SyncRunCompleted> RunAsync(RunMailbox mailbox, string runId, DateTimeOffset started, LinkRunProgress committed, CancellationToken cancellationToken)
    {
        var linkId = mailbox.Owner.LinkId;
        var cursors = await session.LoadAsync<SyncCursors>(linkId, cancellationToken) ?? new SyncCursors(linkId, null, null);
        var progress = new RunProgress(linkId, cursors, await PrivacyOfAsync(session, mailbox.Owner.UserId, cancellationToken), committed);
        var lookbacks = await session.Query<LookbackRequest>().Where(r => r.LinkId == linkId).ToListAsync(cancellationToken);
        var settings = options.Value;

        var mailWindow = new MailWindow(started.AddDays(-settings.InitialEmailDays));
        var (mail, mailResync) = await MailAsync(mailbox, mailWindow, progress, cancellationToken);

        // Addresses whose contact event was committed before the current mail chain's full read began
        // were matched by that read already (a link established during a large import): no search.
        var mailLookbacks = lookbacks.Where(l => !progress.Current.MailCovers(l.AppearedSequence)).ToList();
        if (mailLookbacks.Count > 0 && !mailResync && progress.Current.Mail is not null)
        {
            mail = mail.Add(await LookBackAsync(mailbox, mailLookbacks, mailWindow, progress, cancellationToken));
        }

        // New contact addresses: the calendar window is read in full once more (idempotent, appends only
        // what now matches), since no provider searches a calendar by attendee.
        var calendarWindow = new CalendarWindow(started.AddDays(-settings.CalendarPastDays), started.AddDays(settings.CalendarFutureDays));
        var fromStart = lookbacks.Any(l => !progress.Current.CalendarCovers(l.AppearedSequence));
        var (calendar, calendarResync) = await CalendarAsync(mailbox, calendarWindow, fromStart, progress, cancellationToken);
        foreach (var lookback in lookbacks)
        {
            session.Delete(lookback);
        }

        return new SyncRunCompleted(
            linkId, runId, started, clock.GetUtcNow(), mail, calendar, mailResync, calendarResync, progress.Current.Mail, progress.Current.Calendar,
            [.. progress.Skipped.Items]);
    }

    /// <summary>
    /// The mail round; a whole-window read by a reader that plans it gets the tenant's contact addresses, read as the round
    /// starts reading and so after its high-water mark (<see cref="FullReadMarkAsync"/>). That order is what keeps a planned
    /// read complete: the accounts' addresses are an inline projection, committed with their contact events, so every
    /// contact whose event is at or below the mark is in the list read; a contact whose event is above it is not covered
    /// by the cursors this round stores (<see cref="SyncCursors.MailCovers"/>), so its event asks for the usual look-back.
    /// </summary>
    private Task<(SyncCounts Counts, bool Resynced)> MailAsync(RunMailbox mailbox, MailWindow window, RunProgress progress, CancellationToken cancellationToken)
    {
        var mode = options.Value.FirstSyncPlan;
        var contacts = mailbox.Reader.PlansFirstSync && mode != FirstSyncPlanMode.Scan ? new FirstSyncContactList(sender, mode) : null;
        return ResyncingAsync(
            "mail", progress.Current.Mail, (cursor, mark) => new MailRound(mailbox, threads, cursor, window, mark, contacts), mailbox, progress, cancellationToken);
    }

    private Task<(SyncCounts Counts, bool Resynced)> CalendarAsync(
        RunMailbox mailbox, CalendarWindow window, bool fromStart, RunProgress progress, CancellationToken cancellationToken) =>
        ResyncingAsync(
            "calendar", fromStart ? null : progress.Current.Calendar, (cursor, mark) => new CalendarRound(mailbox, appointments, cursor, window, mark),
            mailbox, progress, cancellationToken);

    /// <summary>
    /// The round from <paramref name="cursor"/>; when that cursor has expired, the round once more over the whole window
    /// (<paramref name="roundFrom"/> gets the cursor, null for the whole window, and the store's high-water mark read
    /// before a whole-window read, <see cref="FullReadMarkAsync"/>).
    /// </summary>
    private async Task<(SyncCounts Counts, bool Resynced)> ResyncingAsync<TItem, TReady>(
        string part, string? cursor, Func<string?, long?, ISyncRound<TItem, TReady>> roundFrom, RunMailbox mailbox, RunProgress progress,
        CancellationToken cancellationToken)
        where TItem : IParticipantItem<TItem>
    {
        try
        {
            return (await pages.RunAsync(roundFrom(cursor, await FullReadMarkAsync(cursor, cancellationToken)), progress, cancellationToken), false);
        }
        catch (CursorExpiredException) when (cursor is not null)
        {
            LogResync(logger, mailbox.Owner.LinkId, part);
            return (await pages.RunAsync(roundFrom(null, await FullReadMarkAsync(null, cancellationToken)), progress, cancellationToken), true);
        }
    }

    /// <summary>One search per <see cref="SearchAddresses.MaxPerSearch"/> addresses, in address order.</summary>
    private async Task<SyncCounts> LookBackAsync(
        RunMailbox mailbox, IReadOnlyList<LookbackRequest> lookbacks, MailWindow window, RunProgress progress, CancellationToken cancellationToken)
    {
        var counts = SyncCounts.Zero;
        var addresses = lookbacks.Select(l => l.Address).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        foreach (var batch in addresses.Chunk(SearchAddresses.MaxPerSearch))
        {
            counts = counts.Add(await pages.RunAsync(new MailLookbackRound(mailbox, threads, batch, window), progress, cancellationToken));
        }

        return counts;
    }

    /// <summary>The privacy rules of a user's mailbox: the tenant's privacy state read once (one primary-key load), for the whole run.</summary>
    public static async Task<PrivacyFilter> PrivacyOfAsync(IQuerySession session, string userId, CancellationToken cancellationToken) =>
        PrivacyFilter.For(await session.LoadAsync<PrivacyState>(PrivacyState.StreamKey, cancellationToken), userId);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: the {Part} cursor expired; running a full round")]
    private static partial void LogResync(ILogger logger, string linkId, string part);
}

using Marten;
using Mediator;
using Microsoft.Extensions.Options;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs.Rounds;
using NavusoftSync.Synchronization.Runs.Progress;

namespace NavusoftSync.Synchronization.Runs.Checks;

/// <summary>What a check run appends at its end: the run's completed event and the check's result, committed together.</summary>
internal sealed record CheckResult(SyncRunCompleted Completed, LinkCompletenessChecked Checked);

/// <summary>
/// The rounds of a completeness check run: every contact address of the tenant (<see cref="ListContactEmails"/>, page by
/// page) searched in the link's mailbox over the last <see cref="CheckOptions.CheckDays"/> days in batches of
/// <see cref="SearchAddresses.MaxPerSearch"/>, then the calendar window listed; each page through the
/// <see cref="PageLoop"/> (matching, privacy rules, recording and a commit per page). What the link had stored is
/// counted present; what was missing is recorded and counted repaired.
/// </summary>
internal sealed class CompletenessCheck(
    IDocumentSession session, ISender sender, PageLoop pages, ThreadRecorder threads, AppointmentRecorder appointments,
    IOptions<SyncOptions> sync, IOptions<CheckOptions> options, TimeProvider clock)
{
    public async Task<CheckResult> RunAsync(RunMailbox mailbox, string runId, DateTimeOffset started, LinkRunProgress committed, CancellationToken cancellationToken)
    {
        var linkId = mailbox.Owner.LinkId;
        var cursors = await session.LoadAsync<SyncCursors>(linkId, cancellationToken) ?? new SyncCursors(linkId, null, null);
        var progress = new RunProgress(linkId, cursors, await RunRounds.PrivacyOfAsync(session, mailbox.Owner.UserId, cancellationToken), committed);
        var index = new LinkItemIndex(session, linkId);
        var (mailTally, calendarTally) = (new CompletenessTally(), new CompletenessTally());

        var mailWindow = new MailWindow(started.AddDays(-options.Value.MailDays(sync.Value)));
        var mail = await SearchAllAsync(mailbox, index, mailTally, mailWindow, progress, cancellationToken);
        var calendarWindow = new CalendarWindow(started.AddDays(-sync.Value.CalendarPastDays), started.AddDays(sync.Value.CalendarFutureDays));
        var calendar = await pages.RunAsync(new CalendarCheckRound(mailbox, appointments, index, calendarTally, calendarWindow), progress, cancellationToken);

        var skipped = progress.Skipped.Items.Select(s => s.ProviderId).ToHashSet(StringComparer.Ordinal);
        var count = mailTally.Resolve(await index.StoredMailAsync(mailTally.Missing, cancellationToken), skipped)
            .Add(calendarTally.Resolve(await index.StoredCalendarAsync(calendarTally.Missing, cancellationToken), skipped));
        var finished = clock.GetUtcNow();
        return new CheckResult(
            new SyncRunCompleted(linkId, runId, started, finished, mail, calendar, false, false, progress.Current.Mail, progress.Current.Calendar, [.. progress.Skipped.Items]),
            new LinkCompletenessChecked(linkId, runId, finished, count.Expected, count.Present, count.Repaired));
    }

    /// <summary>One search per batch of contact addresses, the tenant's addresses read a page at a time.</summary>
    private async Task<SyncCounts> SearchAllAsync(
        RunMailbox mailbox, LinkItemIndex index, CompletenessTally tally, MailWindow window, RunProgress progress, CancellationToken cancellationToken)
    {
        var counts = SyncCounts.Zero;
        string? after = null;
        do
        {
            var page = await sender.Send(new ListContactEmails(after), cancellationToken);
            foreach (var batch in page.Emails.Where(Searchable).Chunk(SearchAddresses.MaxPerSearch))
            {
                counts = counts.Add(await pages.RunAsync(new MailCheckRound(mailbox, threads, index, tally, batch, window), progress, cancellationToken));
            }

            after = page.Next;
        }
        while (after is not null);

        return counts;
    }

    /// <summary>Whether a provider query may carry the address (<see cref="SearchAddresses.Require"/>); one that may not is left out of the search.</summary>
    private static bool Searchable(string address)
    {
        try
        {
            SearchAddresses.Require([address]);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

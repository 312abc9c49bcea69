using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs.Rounds;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>How a run ended: <see cref="Ran"/> when it completed, else why not (the link inactive, or the failure's reason).</summary>
internal sealed record SyncRunResult(bool Ran, string? Reason)
{
    /// <summary>The link is not active (unlinked, or waiting to be linked again): nothing ran.</summary>
    public static readonly SyncRunResult Inactive = new(false, "The link is not active.");
}

/// <summary>
/// Runs one sync of a link now, outside the mediator, in a DI scope of its own bound to the link's tenant
/// (<see cref="SyncRuns"/> makes it, for every starter), whose session it owns and commits itself. The started event is committed at
/// once (the link shows Syncing), every page with its cursors (<see cref="PageLoop"/>), then the completed event with
/// the run's counts. A failed run commits a failed event with its reason and leaves the cursors where the last
/// committed page put them.
/// </summary>
internal sealed partial class SyncRun(
    IDocumentSession session, ISender sender, IEnumerable<IProviderReader> readers, RunRounds rounds, PushSilence silence, AuditContext audit, TimeProvider clock,
    ILogger<SyncRun> logger)
{
    public async Task<SyncRunResult> RunAsync(string linkId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var link = await session.LoadAsync<SyncedLink>(linkId, cancellationToken);
        if (link is not { Active: true })
        {
            return SyncRunResult.Inactive;
        }

        var runId = Guid.CreateVersion7().ToString();
        audit.ForSyncRun(runId, link.Id);
        audit.CausedBy($"{nameof(SyncRun)}/{Guid.CreateVersion7()}");
        var started = clock.GetUtcNow();
        using var tokens = new RunAccessTokens(link.Id, sender, clock);
        try
        {
            await RunRoundsAsync(MailboxOf(link, tokens, trigger), runId, started, trigger, cancellationToken);
            return new SyncRunResult(true, null);
        }
        catch (Exception exception) when (exception is ReauthRequiredException or ProviderUnavailableException)
        {
            return await FailAsync(link.Id, runId, started, exception.Message, cancellationToken);
        }
        catch (Exception exception) when (PageLoop.IsWriteRace(exception))
        {
            // Other links' runs kept writing the page's threads or appointments first, attempt after attempt
            // (the page loop decides a page again on a lost race). The page rolled back; the next run reads it again.
            return await FailAsync(link.Id, runId, started, "Another mailbox's sync wrote the same thread or appointment at the same moment; the next run reads that page again.", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Anything else still ends the run as failed (the cursors stay where the last committed page
            // put them), so the link's status says so instead of "Syncing" for ever.
            LogUnexpected(logger, exception, link.Id, runId);
            return await FailAsync(link.Id, runId, started, $"The sync stopped on an unexpected error ({exception.GetType().Name}); it resumes at the next run.", cancellationToken);
        }
    }

    private RunMailbox MailboxOf(SyncedLink link, RunAccessTokens tokens, SyncTrigger trigger)
    {
        var reader = readers.FirstOrDefault(r => r.Provider == link.Provider)
            ?? throw new InvalidOperationException($"No reader for provider '{link.Provider}'.");
        var access = new MailboxAccess(link.Id, link.Provider, link.Address, tokens.GetAsync, tokens.RejectAsync) { WakeReason = trigger };
        return new RunMailbox(new MailboxOwner(link.Id, link.UserId, link.Provider, link.Address), access, reader);
    }

    private async Task RunRoundsAsync(RunMailbox mailbox, string runId, DateTimeOffset started, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var linkId = mailbox.Owner.LinkId;
        session.Events.Append(SyncStream.KeyOf(linkId), new SyncRunStarted(linkId, runId, started, trigger));
        await session.SaveChangesAsync(cancellationToken);

        var completed = await rounds.RunAsync(mailbox, runId, started, cancellationToken);
        session.Events.Append(SyncStream.KeyOf(linkId), completed);
        await session.SaveChangesAsync(cancellationToken);
        LogCompleted(logger, linkId, completed.Mail.Scanned, completed.Mail.New, completed.Calendar.Scanned, completed.Calendar.New, (completed.FinishedAt - started).TotalMilliseconds);
        await silence.AfterRunAsync(linkId, trigger, completed.Mail, completed.Calendar, cancellationToken);
    }

    private async Task<SyncRunResult> FailAsync(string linkId, string runId, DateTimeOffset started, string reason, CancellationToken cancellationToken)
    {
        session.EjectAllPendingChanges();
        session.Events.Append(SyncStream.KeyOf(linkId), new SyncRunFailed(linkId, runId, started, clock.GetUtcNow(), reason, SyncCounts.Zero, SyncCounts.Zero));
        await session.SaveChangesAsync(cancellationToken);
        return new SyncRunResult(false, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId} synced: mail {MailScanned} scanned/{MailNew} new, calendar {CalendarScanned} scanned/{CalendarNew} new in {ElapsedMs:0} ms")]
    private static partial void LogCompleted(ILogger logger, string linkId, int mailScanned, int mailNew, int calendarScanned, int calendarNew, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Link {LinkId}: sync run {RunId} failed on an unexpected error")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string linkId, string runId);
}

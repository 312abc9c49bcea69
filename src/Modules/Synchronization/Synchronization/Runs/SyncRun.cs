using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs.Checks;
using NavusoftSync.Synchronization.Runs.Progress;
using NavusoftSync.Synchronization.Runs.Rounds;
using NavusoftSync.Synchronization.Telemetry;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// How a run ended: <see cref="Ran"/> when it completed, else why not (the link inactive, or the failure's reason);
/// <see cref="TimedOut"/> when it was stopped at the time limit.
/// </summary>
internal sealed record SyncRunResult(bool Ran, string? Reason)
{
    /// <summary>The link is not active (unlinked, or waiting to be linked again): nothing ran.</summary>
    public static readonly SyncRunResult Inactive = new(false, "The link is not active.");

    public bool TimedOut { get; init; }
}

/// <summary>
/// Runs one sync of a link now, outside the mediator, in a DI scope of its own bound to the link's tenant
/// (<see cref="SyncRuns"/> makes it, for every starter), whose session it owns and commits itself. The started event is committed at
/// once (the link shows Syncing) with the run's <see cref="LinkRunProgress"/>, every page with its cursors and that progress
/// (<see cref="PageLoop"/>), then the completed event with the run's counts, the progress deleted. A failed run commits a
/// failed event with its reason (a sentence for the person, <see cref="RunSentences"/>; the cause goes to the log), deletes
/// the progress and leaves the cursors where the last committed page put them. A run longer than <c>Sync:RunTimeLimitSeconds</c> is cancelled and ends as failed, saying so.
/// A run with trigger <see cref="SyncTrigger.Check"/> is the link's completeness check (<see cref="CompletenessCheck"/>)
/// instead of its rounds, and commits the check's result with its completed event.
/// Each run is one <c>sync.run</c> span (<see cref="SyncTelemetry.StartRun"/>) with the run's provider calls and commits beneath it,
/// and ends with its outcome and duration counted (<see cref="SyncTelemetry.RecordRun"/>); a completed run counts its items too.
/// </summary>
internal sealed partial class SyncRun(
    IDocumentSession session, ISender sender, IEnumerable<IProviderReader> readers, RunRounds rounds, CompletenessCheck check, PushSilence silence,
    AuditContext audit, IOptions<CheckOptions> options, TimeProvider clock, ILogger<SyncRun> logger)
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
        using var activity = SyncTelemetry.StartRun(link.Id, link.Provider, trigger, runId);
        var timer = clock.GetTimestamp();
        var result = await RunLimitedAsync(link, runId, trigger, cancellationToken);
        SyncTelemetry.RecordRun(activity, link.Provider, trigger, result, clock.GetElapsedTime(timer));
        return result;
    }

    /// <summary>The run under <c>Sync:RunTimeLimitSeconds</c>: stopped at the limit, it ends as failed, saying so.</summary>
    private async Task<SyncRunResult> RunLimitedAsync(SyncedLink link, string runId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        using var tokens = new RunAccessTokens(link.Id, sender, clock);
        var limit = options.Value.RunTimeLimit;
        using var timeLimit = new CancellationTokenSource(limit, clock);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeLimit.Token);
        try
        {
            return await RunCaughtAsync(MailboxOf(link, tokens, trigger), runId, started, trigger, running.Token, cancellationToken);
        }
        catch (Exception) when (timeLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(logger, link.Id, runId, limit.TotalSeconds);
            return await FailAsync(link.Id, runId, started, TimedOutReason(trigger, limit), cancellationToken) with { TimedOut = true };
        }
    }

    /// <summary>
    /// The run's rounds under <paramref name="running"/> (the caller's token and the time limit); a failure the run can
    /// name ends it as failed (committed under <paramref name="cancellationToken"/>), cancellation goes to the caller.
    /// </summary>
    private async Task<SyncRunResult> RunCaughtAsync(
        RunMailbox mailbox, string runId, DateTimeOffset started, SyncTrigger trigger, CancellationToken running, CancellationToken cancellationToken)
    {
        var linkId = mailbox.Owner.LinkId;
        try
        {
            await RunRoundsAsync(mailbox, runId, started, trigger, running);
            return new SyncRunResult(true, null);
        }
        catch (ReauthRequiredException exception) when (!running.IsCancellationRequested)
        {
            // The Linking module's sentence: what the person must do to link the account again.
            return await FailAsync(linkId, runId, started, exception.Message, cancellationToken);
        }
        catch (ProviderUnavailableException exception) when (!running.IsCancellationRequested)
        {
            LogProviderUnavailable(logger, exception, linkId, runId, mailbox.Owner.Provider, exception.Message);
            return await FailAsync(linkId, runId, started, RunSentences.ProviderUnavailable(mailbox.Owner.Provider), cancellationToken);
        }
        catch (Exception exception) when (PageLoop.IsWriteRace(exception))
        {
            // Other links' runs kept writing the page's threads or appointments first, attempt after attempt
            // (the page loop decides a page again on a lost race). The page rolled back; the next run reads it again.
            LogWriteRace(logger, linkId, runId);
            return await FailAsync(linkId, runId, started, RunSentences.WriteRace, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !running.IsCancellationRequested)
        {
            // Anything else still ends the run as failed (the cursors stay where the last committed page
            // put them), so the link's status says so instead of "Syncing" for ever.
            LogUnexpected(logger, exception, linkId, runId, exception.GetType().Name);
            return await FailAsync(linkId, runId, started, RunSentences.Unexpected, cancellationToken);
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
        var progress = LinkRunProgress.Start(linkId, runId, started, trigger);
        session.Events.Append(SyncStream.KeyOf(linkId), new SyncRunStarted(linkId, runId, started, trigger));
        session.Store(progress);
        await session.SaveChangesAsync(cancellationToken);

        SyncRunCompleted completed;
        if (trigger == SyncTrigger.Check)
        {
            var result = await check.RunAsync(mailbox, runId, started, progress, cancellationToken);
            completed = result.Completed;
            session.Events.Append(SyncStream.KeyOf(linkId), completed, result.Checked);
        }
        else
        {
            completed = await rounds.RunAsync(mailbox, runId, started, progress, cancellationToken);
            session.Events.Append(SyncStream.KeyOf(linkId), completed);
        }

        session.Delete<LinkRunProgress>(linkId);
        await session.SaveChangesAsync(cancellationToken);
        SyncTelemetry.RecordItems(mailbox.Owner.Provider, completed.Mail, completed.Calendar);
        LogCompleted(logger, linkId, completed.Mail.Scanned, completed.Mail.New, completed.Calendar.Scanned, completed.Calendar.New, (completed.FinishedAt - started).TotalMilliseconds);
        await silence.AfterRunAsync(linkId, trigger, completed.Mail, completed.Calendar, cancellationToken);
    }

    private async Task<SyncRunResult> FailAsync(string linkId, string runId, DateTimeOffset started, string reason, CancellationToken cancellationToken)
    {
        session.EjectAllPendingChanges();
        session.Delete<LinkRunProgress>(linkId);
        session.Events.Append(SyncStream.KeyOf(linkId), new SyncRunFailed(linkId, runId, started, clock.GetUtcNow(), reason, SyncCounts.Zero, SyncCounts.Zero));
        await session.SaveChangesAsync(cancellationToken);
        return new SyncRunResult(false, reason);
    }

    /// <summary>The failed run's reason when the time limit stopped it: a sentence for the person whose link it is.</summary>
    internal static string TimedOutReason(SyncTrigger trigger, TimeSpan limit) => trigger == SyncTrigger.Check
        ? $"The completeness check took longer than {Minutes(limit)} and was stopped; it runs again at its next scheduled time."
        : $"The sync took longer than {Minutes(limit)} and was stopped; a new sync has been started and resumes where this one left off.";

    private static string Minutes(TimeSpan limit) => limit.TotalMinutes >= 1.5
        ? $"{Math.Round(limit.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture)} minutes"
        : $"{Math.Max(1, Math.Round(limit.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)} seconds";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: sync run {RunId} took longer than {LimitSeconds} s and was stopped")]
    private static partial void LogTimedOut(ILogger logger, string linkId, string runId, double limitSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link {LinkId} synced: mail {MailScanned} scanned/{MailNew} new, calendar {CalendarScanned} scanned/{CalendarNew} new in {ElapsedMs:0} ms")]
    private static partial void LogCompleted(ILogger logger, string linkId, int mailScanned, int mailNew, int calendarScanned, int calendarNew, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Link {LinkId}: sync run {RunId} failed on an unexpected error ({ExceptionType})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string linkId, string runId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: sync run {RunId} failed: provider {Provider} unavailable: {Detail}")]
    private static partial void LogProviderUnavailable(ILogger logger, Exception exception, string linkId, string runId, string provider, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: sync run {RunId} failed: other runs kept writing the same threads or appointments first")]
    private static partial void LogWriteRace(ILogger logger, string linkId, string runId);
}

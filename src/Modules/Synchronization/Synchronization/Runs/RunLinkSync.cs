using FluentValidation;
using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Recording;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>Runs one sync of a link now (from its Quartz job); <paramref name="Trigger"/> says what set it going.</summary>
internal sealed record RunLinkSync(string LinkId, SyncTrigger Trigger = SyncTrigger.Schedule) : ICommand<RunLinkSyncResult>;

internal sealed record RunLinkSyncResult(bool Ran, string? Reason);

internal sealed class RunLinkSyncValidator : AbstractValidator<RunLinkSync>
{
    public RunLinkSyncValidator() => RuleFor(c => c.LinkId).NotEmpty();
}

/// <summary>
/// Access tokens come from the Linking module (<see cref="GetAccessToken"/>) on every provider
/// call, refreshed there when needed; a refused grant stops the run (the Linking module marks the
/// link ReauthRequired and its event removes the job). A failed run is recorded with its reason and
/// leaves the cursors where the last committed page put them.
/// </summary>
internal sealed partial class RunLinkSyncHandler(
    IDocumentSession session, ISender sender, SyncRunner runner, AuditContext audit, TimeProvider clock, ILogger<RunLinkSyncHandler> logger)
    : ICommandHandler<RunLinkSync, RunLinkSyncResult>, IDisposable
{
    private static readonly TimeSpan TokenMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _token;
    private string? _rejected;

    public void Dispose() => _tokenLock.Dispose();

    public async ValueTask<RunLinkSyncResult> Handle(RunLinkSync command, CancellationToken cancellationToken)
    {
        var link = await session.LoadAsync<SyncedLink>(command.LinkId, cancellationToken);
        if (link is not { Active: true })
        {
            return new RunLinkSyncResult(false, "The link is not active.");
        }

        var owner = new MailboxOwner(link.Id, link.UserId, link.Provider, link.Address);
        var access = new MailboxAccess(link.Id, link.Provider, link.Address, ct => TokenAsync(link.Id, ct), RejectAsync);
        var started = clock.GetUtcNow();
        var runId = Guid.CreateVersion7().ToString();
        audit.ForSyncRun(runId, link.Id);
        try
        {
            await runner.RunAsync(owner, access, runId, command.Trigger, cancellationToken);
            return new RunLinkSyncResult(true, null);
        }
        catch (Exception exception) when (exception is ReauthRequiredException or ProviderUnavailableException)
        {
            return Failed(link.Id, runId, started, exception.Message);
        }
        catch (Exception exception) when (SyncRunner.IsWriteRace(exception))
        {
            // Other links' runs kept writing the page's threads or appointments first, attempt after attempt
            // (the runner decides a page again on a lost race). The page rolled back; the next run reads it again.
            return Failed(link.Id, runId, started, "Another mailbox's sync wrote the same thread or appointment at the same moment; the next run reads that page again.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Anything else still ends the run as failed (the cursors stay where the last committed page
            // put them), so the link's status says so instead of "Syncing" for ever.
            LogUnexpected(logger, exception, link.Id, runId);
            return Failed(link.Id, runId, started, $"The sync stopped on an unexpected error ({exception.GetType().Name}); it resumes at the next run.");
        }
    }

    private RunLinkSyncResult Failed(string linkId, string runId, DateTimeOffset started, string reason)
    {
        session.EjectAllPendingChanges();
        session.Events.Append(SyncRunner.SyncStreamKey(linkId), new SyncRunFailed(linkId, runId, started, clock.GetUtcNow(), reason, SyncCounts.Zero, SyncCounts.Zero));
        return new RunLinkSyncResult(false, reason);
    }

    /// <summary>
    /// The link's access token, asked of the Linking module once and then reused for this run until a
    /// minute before it expires (every provider request needs one; asking each time cost a credentials
    /// load and decryption per request).
    /// </summary>
    private async ValueTask<string> TokenAsync(string linkId, CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } cached && cached.ExpiresAt - TokenMargin > clock.GetUtcNow())
            {
                return cached.Token;
            }

            var result = await sender.Send(new GetAccessToken(linkId, _rejected), cancellationToken);
            var token = result.Outcome switch
            {
                AccessTokenOutcome.Granted => result.AccessToken!,
                AccessTokenOutcome.ReauthRequired or AccessTokenOutcome.Unlinked => throw new ReauthRequiredException(result.Reason ?? "The link must be linked again."),
                _ => throw new ProviderUnavailableException(result.Reason ?? "The provider's token endpoint is unavailable."),
            };
            (_token, _rejected) = ((token, result.ExpiresAt ?? DateTimeOffset.MinValue), null);
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    /// <summary>
    /// The provider answered 401 to this token (revoked, or expired before its time): it is no longer reused, and the
    /// next ask tells the Linking module it was rejected, so Linking refreshes it even though it looks valid (a refused
    /// grant then marks the link ReauthRequired). Several requests rejecting the same token cause one refresh.
    /// </summary>
    private async ValueTask RejectAsync(string token, CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } cached && string.Equals(cached.Token, token, StringComparison.Ordinal))
            {
                (_token, _rejected) = (null, token);
            }
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Link {LinkId}: sync run {RunId} failed on an unexpected error")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string linkId, string runId);
}

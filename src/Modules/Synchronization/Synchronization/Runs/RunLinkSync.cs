using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Recording;

namespace NavusoftSync.Synchronization.Runs;

/// <summary>Runs one sync of a link now (from its Quartz job).</summary>
internal sealed record RunLinkSync(string LinkId) : ICommand<RunLinkSyncResult>;

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
internal sealed class RunLinkSyncHandler(IDocumentSession session, ISender sender, SyncRunner runner, AuditContext audit, TimeProvider clock)
    : ICommandHandler<RunLinkSync, RunLinkSyncResult>
{
    public async ValueTask<RunLinkSyncResult> Handle(RunLinkSync command, CancellationToken cancellationToken)
    {
        var link = await session.LoadAsync<SyncedLink>(command.LinkId, cancellationToken);
        if (link is not { Active: true })
        {
            return new RunLinkSyncResult(false, "The link is not active.");
        }

        var owner = new MailboxOwner(link.Id, link.UserId, link.Provider, link.Address);
        var access = new MailboxAccess(link.Id, link.Provider, link.Address, ct => TokenAsync(link.Id, ct));
        var started = clock.GetUtcNow();
        var runId = Guid.CreateVersion7().ToString();
        audit.ForSyncRun(runId, link.Id);
        try
        {
            await runner.RunAsync(owner, access, runId, cancellationToken);
            return new RunLinkSyncResult(true, null);
        }
        catch (Exception exception) when (exception is ReauthRequiredException or ProviderUnavailableException)
        {
            session.Events.Append(SyncRunner.SyncStreamKey(link.Id), new SyncRunFailed(
                link.Id, runId, started, clock.GetUtcNow(), exception.Message, SyncCounts.Zero, SyncCounts.Zero));
            return new RunLinkSyncResult(false, exception.Message);
        }
    }

    private async ValueTask<string> TokenAsync(string linkId, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetAccessToken(linkId), cancellationToken);
        return result.Outcome switch
        {
            AccessTokenOutcome.Granted => result.AccessToken!,
            AccessTokenOutcome.ReauthRequired or AccessTokenOutcome.Unlinked => throw new ReauthRequiredException(result.Reason ?? "The link must be linked again."),
            _ => throw new ProviderUnavailableException(result.Reason ?? "The provider's token endpoint is unavailable."),
        };
    }
}

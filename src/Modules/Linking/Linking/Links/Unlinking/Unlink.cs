using FluentValidation;
using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.Validation;
using NavusoftSync.Synchronization.Contracts;

namespace NavusoftSync.Linking.Links.Unlinking;

/// <summary>
/// The user unlinks one of their links: its push registrations are deleted at the provider, then an
/// <see cref="Unlinked"/> event and the deletion of the credentials commit in one transaction.
/// </summary>
/// <remarks>
/// Deleting a subscription, watch or channel at the provider needs the link's grant, and the credentials are gone with
/// this command's commit: by the time the <c>LinkUnlinked</c> integration event reaches any handler, no token is left to
/// ask the provider with. So the command itself sends <see cref="StopLinkPush"/>, before it appends, and only when it
/// really unlinks (the caller's link, not unlinked yet). The stop commits in its own sessions; whatever it could not
/// delete stays orphaned and expires at the provider. Its failure never fails the unlink.
/// </remarks>
internal sealed record Unlink(string LinkId, string UserId) : ICommand;

internal sealed class UnlinkValidator : AbstractValidator<Unlink>
{
    public UnlinkValidator() => RuleFor(c => c.UserId).ValidId();
}

internal sealed partial class UnlinkHandler(IDocumentSession session, ISender sender, TimeProvider clock, ILogger<UnlinkHandler> logger) : ICommandHandler<Unlink>
{
    public async ValueTask<Unit> Handle(Unlink command, CancellationToken cancellationToken)
    {
        if (!LinkIds.LooksValid(command.LinkId))
        {
            throw DomainException.NotFound("Link", command.LinkId);
        }

        // Decided once on the stored link before the stop, and again on the stream fetched for writing after it: the
        // stop asks Linking for a token, and a refused grant then appends to the link's stream meanwhile.
        if (Decide(command, await session.LoadAsync<Link>(command.LinkId, cancellationToken), clock.GetUtcNow()).Count > 0)
        {
            await StopPushAsync(command.LinkId, cancellationToken);
        }

        var stream = await session.Events.FetchForWriting<Link>(command.LinkId, cancellationToken);
        stream.AppendMany(Decide(command, stream.Aggregate, clock.GetUtcNow()));
        session.Delete<LinkCredentials>(command.LinkId);
        return Unit.Value;
    }

    /// <summary>Another user's link does not exist for the caller; unlinking twice changes nothing.</summary>
    internal static IReadOnlyList<object> Decide(Unlink command, Link? state, DateTimeOffset now)
    {
        if (state is null || state.UserId != command.UserId)
        {
            throw DomainException.NotFound("Link", command.LinkId);
        }

        return state.State == LinkState.Unlinked ? [] : [new Unlinked(state.Id, state.UserId, state.Provider, now)];
    }

    /// <summary>Provider errors end inside the stop; anything else (the database, a bug) is logged here, and the unlink goes on.</summary>
    private async Task StopPushAsync(string linkId, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new StopLinkPush(linkId), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStopFailed(logger, exception, linkId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {LinkId}: its push registrations could not be stopped at unlink; they stay orphaned until they expire at the provider")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string linkId);
}

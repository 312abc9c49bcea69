using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Linking.Validation;

namespace NavusoftSync.Linking.Links.Syncing;

/// <summary>The user asks for a sync of one of their links now.</summary>
internal sealed record RequestSync(string LinkId, string UserId) : ICommand;

internal sealed class RequestSyncValidator : AbstractValidator<RequestSync>
{
    public RequestSyncValidator() => RuleFor(c => c.UserId).ValidId();
}

internal sealed class RequestSyncHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<RequestSync>
{
    public async ValueTask<Unit> Handle(RequestSync command, CancellationToken cancellationToken)
    {
        if (!LinkIds.LooksValid(command.LinkId))
        {
            throw DomainException.NotFound("Link", command.LinkId);
        }

        var stream = await session.Events.FetchForWriting<Link>(command.LinkId, cancellationToken);
        stream.AppendMany(Decide(command, stream.Aggregate, clock.GetUtcNow()));
        return Unit.Value;
    }

    /// <summary>Only an active link can sync: a link that needs re-authorization or was unlinked is a conflict saying what to do.</summary>
    internal static IReadOnlyList<object> Decide(RequestSync command, Link? state, DateTimeOffset now) => state switch
    {
        null => throw DomainException.NotFound("Link", command.LinkId),
        _ when state.UserId != command.UserId => throw DomainException.NotFound("Link", command.LinkId),
        { State: LinkState.ReauthRequired } => throw DomainException.Conflict("Re-authorization required",
            $"{state.ExternalAccount} must be linked again before it can sync: the provider no longer accepts the stored sign-in."),
        { State: LinkState.Unlinked } => throw DomainException.Conflict("Link unlinked", $"{state.ExternalAccount} was unlinked; link it again to sync it."),
        _ => [new SyncRequested(state.Id, state.UserId, state.Provider, now)],
    };
}

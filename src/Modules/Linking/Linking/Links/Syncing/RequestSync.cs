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

        // Requests for the same link queue on the stream's row lock instead of failing one another with a
        // concurrency conflict: a double click or two tabs asking at once both get their 202.
        var stream = await session.Events.FetchForExclusiveWriting<Link>(command.LinkId, cancellationToken);
        stream.AppendMany(Decide(command, stream.Aggregate, clock.GetUtcNow()));
        return Unit.Value;
    }

    /// <summary>Only the owner's active link can sync (<see cref="OwnedActiveLink"/>).</summary>
    internal static IReadOnlyList<object> Decide(RequestSync command, Link? state, DateTimeOffset now)
    {
        var link = OwnedActiveLink.Require(command.LinkId, command.UserId, state, "sync", "to sync it");
        return [new SyncRequested(link.Id, link.UserId, link.Provider, now)];
    }
}

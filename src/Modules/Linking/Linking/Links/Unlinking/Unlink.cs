using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.Validation;

namespace NavusoftSync.Linking.Links.Unlinking;

/// <summary>The user unlinks one of their links: an <see cref="Unlinked"/> event, and the credentials are deleted in the same transaction.</summary>
internal sealed record Unlink(string LinkId, string UserId) : ICommand;

internal sealed class UnlinkValidator : AbstractValidator<Unlink>
{
    public UnlinkValidator() => RuleFor(c => c.UserId).ValidId();
}

internal sealed class UnlinkHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<Unlink>
{
    public async ValueTask<Unit> Handle(Unlink command, CancellationToken cancellationToken)
    {
        if (!LinkIds.LooksValid(command.LinkId))
        {
            throw DomainException.NotFound("Link", command.LinkId);
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
}

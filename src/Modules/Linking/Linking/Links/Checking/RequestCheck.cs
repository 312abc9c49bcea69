using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Linking.Validation;
using NavusoftSync.Synchronization.Contracts;

namespace NavusoftSync.Linking.Links.Checking;

/// <summary>The user asks for the completeness check of one of their links now.</summary>
internal sealed record RequestCheck(string LinkId, string UserId) : ICommand;

internal sealed class RequestCheckValidator : AbstractValidator<RequestCheck>
{
    public RequestCheckValidator() => RuleFor(c => c.UserId).ValidId();
}

/// <summary>
/// Only the link's owner may ask (anyone else gets the answer of a link that does not exist), and only for an active
/// link; the Synchronization module then runs the check (<see cref="RequestLinkCheck"/>). Nothing is appended: a check
/// changes nothing of the link.
/// </summary>
internal sealed class RequestCheckHandler(IQuerySession session, ISender sender) : ICommandHandler<RequestCheck>
{
    public async ValueTask<Unit> Handle(RequestCheck command, CancellationToken cancellationToken)
    {
        if (!LinkIds.LooksValid(command.LinkId))
        {
            throw DomainException.NotFound("Link", command.LinkId);
        }

        Decide(command, await session.LoadAsync<Link>(command.LinkId, cancellationToken));
        await sender.Send(new RequestLinkCheck(command.LinkId), cancellationToken);
        return Unit.Value;
    }

    /// <summary>Throws unless the link exists, is the user's and is active (<see cref="OwnedActiveLink"/>).</summary>
    internal static void Decide(RequestCheck command, Link? state) =>
        OwnedActiveLink.Require(command.LinkId, command.UserId, state, "be checked", "to check it");
}

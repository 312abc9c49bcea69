using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.ContactDirectory.Accounts.Validation;

namespace NavusoftSync.ContactDirectory.Accounts.RemovingContact;

/// <summary>Removes one contact from an account.</summary>
public sealed record RemoveContact(string AccountId, string ContactId) : ICommand;

internal sealed class RemoveContactValidator : AbstractValidator<RemoveContact>
{
    public RemoveContactValidator()
    {
        RuleFor(c => c.AccountId).ValidId();
        RuleFor(c => c.ContactId).ValidId();
    }
}

internal sealed class RemoveContactHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<RemoveContact>
{
    public async ValueTask<Unit> Handle(RemoveContact command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Account>(command.AccountId, cancellationToken);
        stream.AppendMany(Decide(command, stream.Aggregate, clock.GetUtcNow()));
        return Unit.Value;
    }

    internal static IReadOnlyList<object> Decide(RemoveContact command, Account? state, DateTimeOffset now)
    {
        if (state is null)
        {
            throw DomainException.NotFound("Account", command.AccountId);
        }

        var contact = state.FindContact(command.ContactId)
            ?? throw DomainException.NotFound("Contact", command.ContactId);
        return [new ContactRemoved(state.Id, contact.ContactId, contact.Email, now)];
    }
}

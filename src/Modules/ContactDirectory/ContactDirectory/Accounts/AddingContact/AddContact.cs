using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.ContactDirectory.Accounts.Validation;

namespace NavusoftSync.ContactDirectory.Accounts.AddingContact;

/// <summary>Adds one contact to an existing account.</summary>
public sealed record AddContact(string AccountId, string? ContactId, string? Name, string? Email) : ICommand<Account>;

internal sealed class AddContactValidator : AbstractValidator<AddContact>
{
    public AddContactValidator()
    {
        RuleFor(c => c.AccountId).ValidId();
        RuleFor(c => c.ContactId).ValidId();
        RuleFor(c => c.Name).ValidContactName();
        RuleFor(c => c.Email).ValidEmail();
    }
}

internal sealed class AddContactHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<AddContact, Account>
{
    public async ValueTask<Account> Handle(AddContact command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Account>(command.AccountId, cancellationToken);
        var events = Decide(command, stream.Aggregate, clock.GetUtcNow());
        stream.AppendMany(events);
        return events.Aggregate(stream.Aggregate, Account.Fold)!;
    }

    /// <summary>Adding the same contact again changes nothing; a different one under a taken id or email is refused.</summary>
    internal static IReadOnlyList<object> Decide(AddContact command, Account? state, DateTimeOffset now)
    {
        if (state is null)
        {
            throw DomainException.NotFound("Account", command.AccountId);
        }

        var contact = new Contact(command.ContactId?.Trim() ?? string.Empty, command.Name?.Trim() ?? string.Empty, EmailAddressRule.Normalize(command.Email ?? string.Empty));
        var existing = state.FindContact(contact.ContactId);
        if (existing == contact)
        {
            return [];
        }

        if (existing is not null)
        {
            throw DomainException.Conflict("Contact exists", $"Contact '{contact.ContactId}' already exists with other details.");
        }

        if (state.Contacts.Any(c => c.Email == contact.Email))
        {
            throw DomainException.RuleViolated(nameof(AddContact.Email), "Another contact of this account has the same email.");
        }

        if (state.Contacts.Count >= AccountRules.MaxContacts)
        {
            throw DomainException.RuleViolated(nameof(AddContact.ContactId), $"An account holds at most {AccountRules.MaxContacts} contacts.");
        }

        return [new ContactAdded(state.Id, contact.ContactId, contact.Name, contact.Email, now)];
    }
}

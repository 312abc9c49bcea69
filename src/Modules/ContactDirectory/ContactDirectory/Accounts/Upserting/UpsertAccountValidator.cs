using FluentValidation;
using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.ContactDirectory.Accounts.Validation;

namespace NavusoftSync.ContactDirectory.Accounts.Upserting;

internal sealed class UpsertAccountValidator : AbstractValidator<UpsertAccount>
{
    public UpsertAccountValidator()
    {
        RuleFor(c => c.AccountId).ValidId();
        RuleFor(c => c.Name).ValidAccountName();
        RuleFor(c => c.Contacts)
            .NotNull()
            .Must(c => c is null || c.Count <= AccountRules.MaxContacts)
            .WithMessage($"An account holds at most {AccountRules.MaxContacts} contacts.");
        RuleForEach(c => c.Contacts).ChildRules(contact =>
        {
            contact.RuleFor(c => c.ContactId).ValidId();
            contact.RuleFor(c => c.Name).ValidContactName();
            contact.RuleFor(c => c.Email).ValidEmail();
        }).When(c => c.Contacts is not null);
        RuleFor(c => c.Contacts).Custom((contacts, context) =>
        {
            if (contacts is null)
            {
                return;
            }

            AccountRules.ReportDuplicates(contacts, c => c?.ContactId?.Trim(), "ContactId", "contactId", context);
            AccountRules.ReportDuplicates(contacts, c => c?.Email is null ? null : EmailAddressRule.Normalize(c.Email), "Email", "email", context);
        });
    }
}

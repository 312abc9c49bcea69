using FluentValidation;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.ContactDirectory.Lookup;

internal sealed class FindContactsByEmailsValidator : AbstractValidator<FindContactsByEmails>
{
    public FindContactsByEmailsValidator() =>
        RuleFor(q => q.Emails).NotNull().Must(e => e is null || e.Count <= FindContactsByEmails.MaxEmails)
            .WithMessage($"At most {FindContactsByEmails.MaxEmails} addresses per lookup.");
}

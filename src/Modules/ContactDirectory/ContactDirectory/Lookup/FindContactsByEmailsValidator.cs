using FluentValidation;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.ContactDirectory.Lookup;

internal sealed class FindContactsByEmailsValidator : AbstractValidator<FindContactsByEmails>
{
    public const int MaxEmails = 1000;

    public FindContactsByEmailsValidator() =>
        RuleFor(q => q.Emails).NotNull().Must(e => e is null || e.Count <= MaxEmails)
            .WithMessage($"At most {MaxEmails} addresses per lookup.");
}

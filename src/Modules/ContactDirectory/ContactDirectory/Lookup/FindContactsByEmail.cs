using FluentValidation;
using Mediator;
using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.ContactDirectory.Accounts.Validation;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.ContactDirectory.Lookup;

/// <summary>The HTTP lookup of one address; unlike the batch query, the address must be well formed.</summary>
public sealed record FindContactsByEmail(string? Email) : IQuery<IReadOnlyList<ContactMatch>>;

internal sealed class FindContactsByEmailValidator : AbstractValidator<FindContactsByEmail>
{
    public FindContactsByEmailValidator() => RuleFor(q => q.Email).ValidEmail();
}

internal sealed class FindContactsByEmailHandler(ISender sender) : IQueryHandler<FindContactsByEmail, IReadOnlyList<ContactMatch>>
{
    public async ValueTask<IReadOnlyList<ContactMatch>> Handle(FindContactsByEmail query, CancellationToken cancellationToken)
    {
        var email = EmailAddressRule.Normalize(query.Email ?? string.Empty);
        var matches = await sender.Send(new FindContactsByEmails([email]), cancellationToken);
        return matches.TryGetValue(email, out var found) ? found : [];
    }
}

using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.ContactDirectory.Accounts.CheckingExistence;

internal sealed class AccountExistsValidator : AbstractValidator<AccountExists>
{
    public AccountExistsValidator() => RuleFor(q => q.AccountId).NotEmpty();
}

/// <summary>One indexed existence query on the tenant's account snapshots (no document is loaded).</summary>
internal sealed class AccountExistsHandler(IQuerySession session) : IQueryHandler<AccountExists, bool>
{
    public async ValueTask<bool> Handle(AccountExists query, CancellationToken cancellationToken) =>
        await session.Query<Account>().AnyAsync(a => a.Id == query.AccountId, cancellationToken);
}

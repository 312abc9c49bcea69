using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.ContactDirectory.Lookup;

internal sealed class ListContactEmailsValidator : AbstractValidator<ListContactEmails>
{
    public ListContactEmailsValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, ListContactEmails.MaxLimit);
}

/// <summary>
/// One page of the tenant's contact addresses, straight from the accounts' address column (every address there is
/// normalized and valid), keyset-paged by the address itself so a page costs the same wherever it starts.
/// </summary>
internal sealed class ListContactEmailsHandler(IQuerySession session) : IQueryHandler<ListContactEmails, ContactEmailPage>
{
    internal const string Sql =
        $"select distinct e.email collate \"C\" as email from {ContactDirectoryModule.Schema}.mt_doc_account as a cross join lateral unnest(a.emails) as e(email) " +
        "where a.tenant_id = ? and e.email collate \"C\" > ? order by 1 limit ?";

    public async ValueTask<ContactEmailPage> Handle(ListContactEmails query, CancellationToken cancellationToken)
    {
        var emails = await session.AdvancedSql.QueryAsync<string>(Sql, cancellationToken, session.TenantId, query.After ?? string.Empty, query.Limit + 1);
        var page = emails.Take(query.Limit).ToList();
        return new ContactEmailPage(page, emails.Count > query.Limit ? page[^1] : null);
    }
}

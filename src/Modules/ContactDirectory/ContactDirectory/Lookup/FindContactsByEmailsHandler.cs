using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.ContactDirectory.Lookup;

/// <summary>
/// One round trip for a whole batch of addresses (a synced message's participants, say): the
/// accounts of the session's tenant whose indexed address column holds one of them, then their
/// contacts with a wanted address picked in memory.
/// </summary>
internal sealed class FindContactsByEmailsHandler(IQuerySession session)
    : IQueryHandler<FindContactsByEmails, IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>>>
{
    /// <summary>
    /// One GIN index probe per address (<c>emails @&gt; array[address]</c>), each in a subquery that
    /// <c>offset 0</c> keeps whole. PostgreSQL has no statistics for addresses that are all distinct:
    /// it costs <c>emails &amp;&amp; @batch</c> as matching a large part of the table and scans it all,
    /// and given the tenant predicate beside the probe it may scan the tenant's rows of the primary
    /// key instead. Fenced, the only index path a probe has is the GIN index, with or without
    /// statistics and as the prepared statement's generic plan. The tenant is then filtered
    /// explicitly: a lookup never sees another tenant's contacts.
    /// </summary>
    internal const string Sql =
        "select distinct on (d.id) d.data from unnest(?) as e(email) cross join lateral " +
        $"(select a.id, a.data, a.tenant_id from {ContactDirectoryModule.Schema}.mt_doc_account as a where a.emails @> array[e.email] offset 0) as d " +
        "where d.tenant_id = ? order by d.id";

    public async ValueTask<IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>>> Handle(FindContactsByEmails query, CancellationToken cancellationToken)
    {
        var emails = query.Emails
            .Where(e => !string.IsNullOrWhiteSpace(e) && !e.Any(char.IsControl)) // never a contact's; PostgreSQL refuses NUL in text
            .Select(EmailAddressRule.Normalize)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (emails.Length == 0)
        {
            return new Dictionary<string, IReadOnlyList<ContactMatch>>(StringComparer.Ordinal);
        }

        var accounts = await session.QueryAsync<Account>(Sql, cancellationToken, emails, session.TenantId);
        var wanted = emails.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, List<ContactMatch>>(StringComparer.Ordinal);
        foreach (var account in accounts.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            // An address appears at most once per account (validated), so one match per account.
            foreach (var contact in account.Contacts.Where(c => wanted.Contains(c.Email)))
            {
                if (!found.TryGetValue(contact.Email, out var matches))
                {
                    found[contact.Email] = matches = [];
                }

                matches.Add(new ContactMatch(account.Id, contact.ContactId, contact.Name));
            }
        }

        return found.ToDictionary(f => f.Key, f => (IReadOnlyList<ContactMatch>)f.Value, StringComparer.Ordinal);
    }
}

using Marten;
using Mediator;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.ContactDirectory.Lookup;

/// <summary>One round trip for a whole batch of addresses (a synced message's participants, say).</summary>
internal sealed class FindContactsByEmailsHandler(IQuerySession session)
    : IQueryHandler<FindContactsByEmails, IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>>>
{
    public async ValueTask<IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>>> Handle(FindContactsByEmails query, CancellationToken cancellationToken)
    {
        var emails = query.Emails
            .Where(e => !string.IsNullOrWhiteSpace(e))
            .Select(EmailAddresses.Normalize)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (emails.Length == 0)
        {
            return new Dictionary<string, IReadOnlyList<ContactMatch>>(StringComparer.Ordinal);
        }

        var found = await session.Query<ContactEmailEntry>().Where(e => e.Email.IsOneOf(emails)).ToListAsync(cancellationToken);
        return found
            .GroupBy(e => e.Email, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<ContactMatch>)[.. g.OrderBy(e => e.AccountId, StringComparer.Ordinal).ThenBy(e => e.ContactId, StringComparer.Ordinal).Select(e => new ContactMatch(e.AccountId, e.ContactId, e.Name))],
                StringComparer.Ordinal);
    }
}

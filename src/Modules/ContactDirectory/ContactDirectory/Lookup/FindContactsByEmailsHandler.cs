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

        var found = await session.LoadManyAsync<ContactEmailIndex>(cancellationToken, emails);
        return found.ToDictionary(
            i => i.Id,
            i => (IReadOnlyList<ContactMatch>)[.. i.Entries.Select(x => new ContactMatch(x.AccountId, x.ContactId, x.Name))],
            StringComparer.Ordinal);
    }
}

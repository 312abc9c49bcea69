using Mediator;

namespace NavusoftSync.ContactDirectory.Contracts;

/// <summary>
/// Resolves addresses to the account contacts of the current tenant they belong to. Addresses are
/// normalized (trimmed, lower-cased) before matching; the answer is keyed by the normalized
/// address and holds only addresses that matched at least one contact.
/// </summary>
public sealed record FindContactsByEmails(IReadOnlyCollection<string> Emails)
    : IQuery<IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>>>;

using Mediator;

namespace NavusoftSync.ContactDirectory.Contracts;

/// <summary>
/// Resolves addresses to the account contacts of the current tenant they belong to. Addresses are
/// normalized (trimmed, lower-cased) before matching; the answer is keyed by the normalized
/// address and holds only addresses that matched at least one contact. At most
/// <see cref="MaxEmails"/> addresses per lookup (more is refused as invalid): a caller with more
/// asks in chunks and merges the answers.
/// </summary>
public sealed record FindContactsByEmails(IReadOnlyCollection<string> Emails)
    : IQuery<IReadOnlyDictionary<string, IReadOnlyList<ContactMatch>>>
{
    /// <summary>The most addresses one lookup accepts.</summary>
    public const int MaxEmails = 1000;
}

using System.Net.Mail;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>The look-back search's address: checked before it goes into a provider query, matched exactly on the answers.</summary>
internal static class SearchAddresses
{
    /// <summary>The trimmed address; throws when it is not a plain e-mail address (it is spliced into KQL / Gmail queries).</summary>
    public static string Require(string address)
    {
        var trimmed = (address ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.Any(c => char.IsWhiteSpace(c) || c is '"' or '(' or ')' or '{' or '}' or '\\')
            || !MailAddress.TryCreate(trimmed, out var parsed) || !parsed.Address.Equals(trimmed, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("The search needs a plain e-mail address.", nameof(address));
        }

        return trimmed;
    }

    /// <summary>True when the address is the message's from, to or cc (case-insensitive): provider search is fuzzier than that.</summary>
    public static bool Involves(MailItem item, string address) =>
        Same(item.From, address) || item.To.Any(p => Same(p, address)) || item.Cc.Any(p => Same(p, address));

    private static bool Same(Participant? participant, string address) =>
        participant is not null && participant.Address.Trim().Equals(address, StringComparison.OrdinalIgnoreCase);
}

using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.Synchronization.Privacy;

/// <summary>The names of the rules that keep an item out, as the runs' ledger counts them (<c>filtered: {rule: count}</c>).</summary>
internal static class FilterRules
{
    /// <summary>The item would have matched only through blocked addresses (the tenant's or the mailbox owner's blocklist).</summary>
    public const string Blocklist = "blocklist";

    /// <summary>Every participant is in the tenant's internal domains and the policy excludes internal-only items.</summary>
    public const string Internal = "internal";

    /// <summary>Bulk mail (list headers, <c>Precedence</c>, <c>Auto-Submitted</c>) or a no-reply sender, and the policy excludes bulk.</summary>
    public const string Bulk = "bulk";
}

/// <summary>
/// The privacy rules that apply to one mailbox (a user's link): the tenant's policy plus the user's own blocklist. Pure;
/// built once per run (<see cref="For"/>). Addresses passed in are normalized (<see cref="EmailAddressRule.Normalize"/>).
/// </summary>
internal sealed class PrivacyFilter
{
    public static readonly PrivacyFilter None = new([], [], [], false, false);

    private readonly HashSet<string> _blockedAddresses;
    private readonly string[] _blockedDomains;
    private readonly string[] _internalDomains;

    private PrivacyFilter(IEnumerable<string> blockedAddresses, string[] blockedDomains, string[] internalDomains, bool excludeInternal, bool excludeBulk)
    {
        _blockedAddresses = new HashSet<string>(blockedAddresses, StringComparer.Ordinal);
        _blockedDomains = blockedDomains;
        _internalDomains = internalDomains;
        ExcludeInternal = excludeInternal && internalDomains.Length > 0;
        ExcludeBulk = excludeBulk;
    }

    public bool ExcludeInternal { get; }

    public bool ExcludeBulk { get; }

    /// <summary>Whether any address is blocked at all (a run with no blocklist skips the check).</summary>
    public bool HasBlocklist => _blockedAddresses.Count > 0 || _blockedDomains.Length > 0;

    /// <summary>The rules for <paramref name="userId"/>'s mailbox: the tenant's policy and that user's blocklist.</summary>
    public static PrivacyFilter For(PrivacyState? state, string userId)
    {
        if (state is null)
        {
            return None;
        }

        var entries = state.Policy.Blocklist.Concat(state.UserSettings(userId).Blocklist).ToList();
        return new PrivacyFilter(
            entries.Where(e => !e.StartsWith('@')),
            [.. entries.Where(e => e.StartsWith('@')).Select(e => e[1..]).Distinct(StringComparer.Ordinal)],
            [.. state.Policy.InternalDomains],
            state.Policy.ExcludeInternal,
            state.Policy.ExcludeBulk);
    }

    /// <summary>The tenant's rules alone (no user's blocklist): for what applies to every mailbox, such as a contact address appearing.</summary>
    public static PrivacyFilter ForTenant(PrivacyState? state) => For(state, string.Empty);

    /// <summary>A blocked address never makes a match: an address on the blocklist, or in a blocked domain or one of its subdomains.</summary>
    public bool IsBlocked(string address) =>
        _blockedAddresses.Contains(address) || (_blockedDomains.Length > 0 && InAny(DomainOf(address), _blockedDomains));

    /// <summary>Whether the policy excludes an item with these participants: every one of them is in an internal domain.</summary>
    public bool IsInternalOnly(IReadOnlyCollection<string> addresses) =>
        ExcludeInternal && addresses.Count > 0 && addresses.All(a => InAny(DomainOf(a), _internalDomains));

    /// <summary>The domain of a normalized address (after its last <c>@</c>); empty when it has none.</summary>
    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? string.Empty : address[(at + 1)..];
    }

    /// <summary>A domain is covered by an entry when it is that domain or a subdomain of it.</summary>
    public static bool Covers(string entryDomain, string domain) =>
        domain.Length > 0 && (string.Equals(domain, entryDomain, StringComparison.Ordinal)
            || (domain.Length > entryDomain.Length && domain.EndsWith(entryDomain, StringComparison.Ordinal) && domain[^(entryDomain.Length + 1)] == '.'));

    private static bool InAny(string domain, string[] entries)
    {
        foreach (var entry in entries)
        {
            if (Covers(entry, domain))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// What marks mail as bulk: its headers (<c>List-Unsubscribe</c>, <c>List-Id</c>, <c>Precedence: bulk|list|junk</c>,
/// <c>Auto-Submitted</c> other than <c>no</c>, RFC 2369/2919/3834) or a no-reply sender.
/// </summary>
internal static class BulkMail
{
    /// <summary>The headers to ask a provider for (Gmail <c>metadataHeaders</c>, Graph <c>internetMessageHeaders</c> filter).</summary>
    public static readonly IReadOnlyList<string> Headers = ["List-Unsubscribe", "List-Id", "Precedence", "Auto-Submitted"];

    private static readonly string[] NoReplyLocalParts =
        ["noreply", "no-reply", "no_reply", "no.reply", "donotreply", "do-not-reply", "do_not_reply", "do.not.reply", "mailer-daemon", "bounce", "bounces"];

    /// <summary>Whether these headers (name, value; names in any case) mark the message as bulk.</summary>
    public static bool IsBulk(IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, raw) in headers)
        {
            var value = raw?.Trim() ?? string.Empty;
            if (name.Equals("List-Unsubscribe", StringComparison.OrdinalIgnoreCase) || name.Equals("List-Id", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (name.Equals("Precedence", StringComparison.OrdinalIgnoreCase)
                && (value.Equals("bulk", StringComparison.OrdinalIgnoreCase) || value.Equals("list", StringComparison.OrdinalIgnoreCase)
                    || value.Equals("junk", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            if (name.Equals("Auto-Submitted", StringComparison.OrdinalIgnoreCase) && value.Length > 0 && !value.Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A no-reply sender: a local part (before any <c>+tag</c>) that is one of the usual no-reply names, or starts with
    /// one followed by a separator (<c>noreply-billing@</c>, <c>no-reply.alerts@</c>).
    /// </summary>
    public static bool IsNoReply(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        var local = (at < 0 ? address : address[..at]).ToLowerInvariant();
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            local = local[..plus];
        }

        foreach (var name in NoReplyLocalParts)
        {
            if (local == name || (local.StartsWith(name, StringComparison.Ordinal) && local.Length > name.Length && local[name.Length] is '-' or '_' or '.'))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>How blocklist entries and internal domains are checked and stored.</summary>
internal static class PrivacyEntries
{
    public const int MaxEntries = 1000;

    /// <summary>An address, or <c>@domain</c> (covering its subdomains), normalized; null when it is neither.</summary>
    public static string? BlockEntry(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return null;
        }

        var trimmed = entry.Trim();
        if (trimmed.StartsWith('@'))
        {
            return Domain(trimmed[1..]) is { } domain ? "@" + domain : null;
        }

        return EmailAddressRule.IsValid(trimmed) ? EmailAddressRule.Normalize(trimmed) : null;
    }

    /// <summary>A domain (with or without a leading <c>@</c>), lower-cased; null when it is not a host name of two labels or more.</summary>
    public static string? Domain(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return null;
        }

        var domain = entry.Trim().TrimStart('@').ToLowerInvariant();
        return EmailAddressRule.IsValid("x@" + domain) ? domain : null;
    }
}

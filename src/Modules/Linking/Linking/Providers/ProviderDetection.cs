using NavusoftSync.Linking.Contracts;

namespace NavusoftSync.Linking.Providers;

/// <summary>
/// Which provider hosts an address: the well-known consumer and Microsoft 365 domains first (and the domains of the
/// password services in <see cref="MailPresets"/>, which are <c>imap</c>), then
/// the tenant's own table of custom domains (most Navusoft customers use their own domains), where a
/// mapping of <c>acme.com</c> also covers <c>eu.acme.com</c>.
/// </summary>
internal static class ProviderDetection
{
    private static readonly string[] GoogleDomains = ["gmail.com", "googlemail.com"];
    private static readonly string[] MicrosoftDomains = ["outlook.com", "msn.com"];
    private static readonly string[] MicrosoftBrands = ["hotmail", "live"];
    private static readonly string[] MicrosoftHostedSuffixes = ["onmicrosoft.com", "office365.com"];

    public static string? Detect(string? email, IReadOnlyDictionary<string, string> customDomains)
    {
        ArgumentNullException.ThrowIfNull(customDomains);
        var domain = DomainOf(email);
        if (domain is null)
        {
            return null;
        }

        if (BuiltIn(domain) is { } builtIn)
        {
            return builtIn;
        }

        for (var candidate = domain; candidate is not null; candidate = Parent(candidate))
        {
            if (customDomains.TryGetValue(candidate, out var provider))
            {
                return provider;
            }
        }

        return null;
    }

    /// <summary>
    /// The provider of a well-known domain: gmail/googlemail; outlook.com, msn.com, hotmail.*, live.*, *.onmicrosoft.com,
    /// *.office365.com; a domain of a <see cref="MailPresets"/> service (icloud.com, yahoo.com, …) is <c>imap</c>.
    /// </summary>
    public static string? BuiltIn(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (GoogleDomains.Contains(domain, StringComparer.Ordinal))
        {
            return LinkProviders.Google;
        }

        if (MicrosoftDomains.Contains(domain, StringComparer.Ordinal)
            || MicrosoftHostedSuffixes.Any(s => domain == s || domain.EndsWith("." + s, StringComparison.Ordinal))
            || IsBrandWithPublicSuffix(domain))
        {
            return LinkProviders.Microsoft;
        }

        return MailPresets.ForDomain(domain) is null ? null : LinkProviders.Imap;
    }

    /// <summary>The lower-cased domain of an address (after its last <c>@</c>), or null when there is none.</summary>
    public static string? DomainOf(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        var domain = at < 0 ? string.Empty : trimmed[(at + 1)..].TrimEnd('.').ToLowerInvariant();
        return domain.Length == 0 ? null : domain;
    }

    /// <summary><c>hotmail.com</c>, <c>hotmail.co.uk</c>, <c>live.fr</c>, <c>live.com.au</c>: the brand then a (one or two label) public suffix.</summary>
    private static bool IsBrandWithPublicSuffix(string domain)
    {
        var labels = domain.Split('.');
        return MicrosoftBrands.Contains(labels[0], StringComparer.Ordinal)
            && (labels.Length == 2 || (labels.Length == 3 && labels[1].Length <= 3 && labels[2].Length == 2));
    }

    private static string? Parent(string domain)
    {
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        var parent = dot < 0 ? null : domain[(dot + 1)..];
        return parent is not null && parent.Contains('.', StringComparison.Ordinal) ? parent : null;
    }
}

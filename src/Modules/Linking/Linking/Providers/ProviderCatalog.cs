using NavusoftSync.Linking.Contracts;

namespace NavusoftSync.Linking.Providers;

/// <summary>How a provider is linked: an OAuth sign-in at the provider, or a user name and app password typed into NavusoftSync.</summary>
internal enum ProviderKind
{
    OAuth,
    Password,
}

/// <summary>A provider a user can link, as the provider screen lists it.</summary>
internal sealed record ProviderInfo(string Id, string Name, ProviderKind Kind = ProviderKind.OAuth)
{
    /// <summary>The wire value of <see cref="Kind"/>: <c>oauth</c> or <c>password</c>.</summary>
    public string KindName => Kind == ProviderKind.Password ? "password" : "oauth";
}

/// <summary>The providers NavusoftSync can link, in the order the provider screen lists them.</summary>
internal static class ProviderCatalog
{
    public static readonly ProviderInfo Microsoft = new(LinkProviders.Microsoft, "Microsoft 365 / Outlook");

    public static readonly ProviderInfo Google = new(LinkProviders.Google, "Google Workspace / Gmail");

    public static readonly ProviderInfo Imap = new(LinkProviders.Imap, "IMAP / CalDAV (iCloud, Yahoo, Fastmail, other mail servers)", ProviderKind.Password);

    public static readonly IReadOnlyList<ProviderInfo> All = [Microsoft, Google, Imap];

    public static string IdList => string.Join(", ", All.Select(p => p.Id));

    /// <summary>The provider with this id (exact, lower-case), or null.</summary>
    public static ProviderInfo? Find(string? id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    public static ProviderInfo Get(string id) => Find(id) ?? throw new ArgumentException($"Unknown provider '{id}'.", nameof(id));
}

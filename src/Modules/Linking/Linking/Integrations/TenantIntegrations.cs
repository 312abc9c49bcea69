namespace NavusoftSync.Linking.Integrations;

/// <summary>Who enabled or disabled a provider, when, and under which review ticket.</summary>
public sealed record ProviderApproval(string ProviderId, bool Enabled, string? ReviewTicket, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record CustomDomain(string Domain, string ProviderId, string MappedBy, DateTimeOffset MappedAt);

/// <summary>
/// The tenant's integration settings: the write-side state of the tenant integration stream (one
/// per tenant, key <see cref="StreamKey"/>; streams are tenant-scoped by conjoined tenancy) and the
/// inline snapshot the provider calls read.
/// </summary>
public sealed record TenantIntegrations(string Id, IReadOnlyDictionary<string, ProviderApproval> Providers, IReadOnlyDictionary<string, CustomDomain> CustomDomains)
{
    public const string StreamKey = "linking.integrations";

    public static readonly TenantIntegrations Empty = new(StreamKey, new Dictionary<string, ProviderApproval>(), new Dictionary<string, CustomDomain>());

    /// <summary>
    /// The one evolve of the tenant integration stream: folds one event onto a state (null before the first). The deciders
    /// fold with it and Marten's inline snapshot (<see cref="TenantIntegrationsProjection"/>) calls it.
    /// </summary>
    public static TenantIntegrations? Fold(TenantIntegrations? state, object e) => e switch
    {
        ProviderEnabled x => (state ?? Empty).Approved(new ProviderApproval(x.ProviderId, true, x.ReviewTicket, x.EnabledBy, x.At)),
        ProviderDisabled x => (state ?? Empty).Approved(new ProviderApproval(x.ProviderId, false, x.ReviewTicket, x.DisabledBy, x.At)),
        CustomDomainMapped x => (state ?? Empty).Mapped(new CustomDomain(x.Domain, x.ProviderId, x.MappedBy, x.At)),
        CustomDomainUnmapped x => state?.Unmapped(x.Domain),
        _ => state,
    };

    private TenantIntegrations Approved(ProviderApproval approval) => this with { Providers = With(Providers, approval.ProviderId, approval) };

    private TenantIntegrations Mapped(CustomDomain domain) => this with { CustomDomains = With(CustomDomains, domain.Domain, domain) };

    private TenantIntegrations Unmapped(string domain) =>
        this with { CustomDomains = CustomDomains.Where(d => d.Key != domain).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal) };

    public bool IsEnabled(string providerId) => Providers.TryGetValue(providerId, out var approval) && approval.Enabled;

    public IReadOnlyDictionary<string, string> DomainTable() =>
        CustomDomains.ToDictionary(d => d.Key, d => d.Value.ProviderId, StringComparer.Ordinal);

    private static Dictionary<string, T> With<T>(IReadOnlyDictionary<string, T> source, string key, T value) =>
        new(source, StringComparer.Ordinal) { [key] = value };
}

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

    public static TenantIntegrations Create(ProviderEnabled e) => Empty.Apply(e);

    public static TenantIntegrations Create(ProviderDisabled e) => Empty.Apply(e);

    public static TenantIntegrations Create(CustomDomainMapped e) => Empty.Apply(e);

    public TenantIntegrations Apply(ProviderEnabled e) =>
        this with { Providers = With(Providers, e.ProviderId, new ProviderApproval(e.ProviderId, true, e.ReviewTicket, e.EnabledBy, e.At)) };

    public TenantIntegrations Apply(ProviderDisabled e) =>
        this with { Providers = With(Providers, e.ProviderId, new ProviderApproval(e.ProviderId, false, e.ReviewTicket, e.DisabledBy, e.At)) };

    public TenantIntegrations Apply(CustomDomainMapped e) =>
        this with { CustomDomains = With(CustomDomains, e.Domain, new CustomDomain(e.Domain, e.ProviderId, e.MappedBy, e.At)) };

    public TenantIntegrations Apply(CustomDomainUnmapped e) =>
        this with { CustomDomains = CustomDomains.Where(d => d.Key != e.Domain).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal) };

    /// <summary>Folds one event onto a state (null before the first), as Marten does.</summary>
    public static TenantIntegrations? Fold(TenantIntegrations? state, object e) => e switch
    {
        ProviderEnabled x => (state ?? Empty).Apply(x),
        ProviderDisabled x => (state ?? Empty).Apply(x),
        CustomDomainMapped x => (state ?? Empty).Apply(x),
        CustomDomainUnmapped x => state?.Apply(x),
        _ => state,
    };

    public bool IsEnabled(string providerId) => Providers.TryGetValue(providerId, out var approval) && approval.Enabled;

    public IReadOnlyDictionary<string, string> DomainTable() =>
        CustomDomains.ToDictionary(d => d.Key, d => d.Value.ProviderId, StringComparer.Ordinal);

    private static Dictionary<string, T> With<T>(IReadOnlyDictionary<string, T> source, string key, T value) =>
        new(source, StringComparer.Ordinal) { [key] = value };
}

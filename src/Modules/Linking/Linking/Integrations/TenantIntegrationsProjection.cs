using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NavusoftSync.Linking.Integrations;

/// <summary>The inline snapshot of the tenant integration stream, evolved by <see cref="TenantIntegrations.Fold"/> and nothing else.</summary>
internal sealed class TenantIntegrationsProjection : SingleStreamProjection<TenantIntegrations, string>
{
    public TenantIntegrationsProjection()
    {
        IncludeType<ProviderEnabled>();
        IncludeType<ProviderDisabled>();
        IncludeType<CustomDomainMapped>();
        IncludeType<CustomDomainUnmapped>();
    }

    public override TenantIntegrations? Evolve(TenantIntegrations? snapshot, string id, IEvent e) => TenantIntegrations.Fold(snapshot, e.Data);
}

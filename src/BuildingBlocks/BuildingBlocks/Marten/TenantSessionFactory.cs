using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.BuildingBlocks.Marten;

/// <summary>
/// Opens every scoped session for the scope's tenant. With conjoined tenancy on all documents and
/// events, a session of tenant A cannot load, query or append to tenant B's data.
/// </summary>
internal sealed class TenantSessionFactory(IDocumentStore store, ITenantContext tenant) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(tenant.TenantId);

    public IDocumentSession OpenSession() => store.LightweightSession(tenant.TenantId);
}

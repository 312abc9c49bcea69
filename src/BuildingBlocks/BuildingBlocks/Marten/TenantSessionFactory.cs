using Marten;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.BuildingBlocks.Marten;

/// <summary>
/// Opens every scoped session for the scope's tenant. With conjoined tenancy on all documents and
/// events, a session of tenant A cannot load, query or append to tenant B's data. Each session is
/// attached to the scope's <see cref="AuditContext"/>, so what it appends carries the audit metadata.
/// </summary>
internal sealed class TenantSessionFactory(IDocumentStore store, ITenantContext tenant, AuditContext audit) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(tenant.TenantId);

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession(tenant.TenantId);
        audit.Attach(session);
        return session;
    }
}

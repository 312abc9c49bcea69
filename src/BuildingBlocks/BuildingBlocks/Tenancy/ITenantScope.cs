namespace NavusoftSync.BuildingBlocks.Tenancy;

/// <summary>Lets code without a request (jobs, event handlers) choose the scope's tenant once.</summary>
public interface ITenantScope
{
    void Use(string tenantId);
}

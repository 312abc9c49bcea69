namespace NavusoftSync.BuildingBlocks.Contracts.Tenancy;

/// <summary>The tenant the current request, job or event handler works for.</summary>
public interface ITenantContext
{
    /// <summary>The tenant id (the token's <c>tid</c>); throws when no tenant is known.</summary>
    string TenantId { get; }

    bool HasTenant { get; }
}

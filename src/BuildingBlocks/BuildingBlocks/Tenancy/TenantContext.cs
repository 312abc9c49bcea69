using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using Microsoft.AspNetCore.Http;

namespace NavusoftSync.BuildingBlocks.Tenancy;

/// <summary>
/// Scoped tenant: taken from the authenticated token's <c>tid</c> claim during a request, or set
/// explicitly by jobs and integration event handlers (which have no request).
/// </summary>
internal sealed class TenantContext(IHttpContextAccessor httpContextAccessor) : ITenantContext, ITenantScope
{
    private string? _explicitTenant;

    public string TenantId =>
        _explicitTenant ?? FromClaims() ?? throw new InvalidOperationException("No tenant in the current scope.");

    public bool HasTenant => _explicitTenant is not null || FromClaims() is not null;

    public void Use(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        if (_explicitTenant is not null && _explicitTenant != tenantId)
        {
            throw new InvalidOperationException("The scope already works for another tenant.");
        }

        _explicitTenant = tenantId;
    }

    private string? FromClaims()
    {
        var user = httpContextAccessor.HttpContext?.User;
        return user?.Identity?.IsAuthenticated == true ? user.FindFirst(NavusoftClaims.TenantId)?.Value : null;
    }
}

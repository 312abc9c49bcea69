using Microsoft.AspNetCore.Http;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.BuildingBlocks.Tenancy;

internal sealed class CurrentUser(IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    private System.Security.Claims.ClaimsPrincipal User =>
        httpContextAccessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? user
            : throw new InvalidOperationException("No authenticated user in the current scope.");

    public string UserId => User.FindFirst(NavusoftClaims.Subject)?.Value
        ?? throw new InvalidOperationException("The token has no sub claim.");

    public string? Email => User.FindFirst(NavusoftClaims.Email)?.Value;

    public string? Name => User.FindFirst(NavusoftClaims.Name)?.Value;

    public bool IsAdmin => User.IsInRole(NavusoftClaims.AdminRole);

    public string? TimeZone => User.FindFirst(NavusoftClaims.TimeZone)?.Value;
}

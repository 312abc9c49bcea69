using Carter;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Synchronization.Privacy.Settings;

/// <summary>
/// CONTRACT.md, Privacy: <c>GET</c>/<c>PUT /api/admin/privacy</c> (admin: the tenant's policy) and <c>GET</c>/<c>PUT
/// /api/me/privacy</c> (any user: their own additions). A change applies to what is already stored (the privacy review
/// that follows each change of the tenant's privacy stream).
/// </summary>
public sealed class PrivacySettingsEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/privacy").WithTags("Privacy").RequireAuthorization(AuthenticationSetup.AdminPolicy);
        admin.MapGet("", GetTenantAsync).WithName("GetTenantPrivacy");
        admin.MapPut("", SetTenantAsync).WithName("SetTenantPrivacy").ProducesValidationProblem();

        var me = app.MapGroup("/api/me/privacy").WithTags("Privacy").RequireAuthorization();
        me.MapGet("", GetUserAsync).WithName("GetMyPrivacy");
        me.MapPut("", SetUserAsync).WithName("SetMyPrivacy").ProducesValidationProblem();
    }

    private static async Task<Ok<TenantPrivacyResponse>> GetTenantAsync(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(TenantPrivacyResponse.From(await StateAsync(session, ct)));

    private static async Task<Ok<TenantPrivacyResponse>> SetTenantAsync(TenantPrivacyRequest request, ISender sender, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(TenantPrivacyResponse.From(await sender.Send(new SetTenantPrivacy(request, user.UserId), ct)));

    private static async Task<Ok<UserPrivacyResponse>> GetUserAsync(IQuerySession session, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(UserPrivacyResponse.From(await StateAsync(session, ct), user.UserId));

    private static async Task<Ok<UserPrivacyResponse>> SetUserAsync(UserPrivacyRequest request, ISender sender, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(UserPrivacyResponse.From(await sender.Send(new SetUserPrivacy(request, user.UserId), ct), user.UserId));

    private static async Task<PrivacyState> StateAsync(IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<PrivacyState>(PrivacyState.StreamKey, ct) ?? PrivacyState.Empty;
}

using Carter;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Linking.Integrations.Domains;
using NavusoftSync.Linking.Integrations.Enabling;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Integrations.Http;

/// <summary>
/// The tenant admin's side: <c>PUT /api/admin/providers/{providerId}</c> (CONTRACT.md) records the
/// integration review, plus the custom domain table the provider detection uses.
/// </summary>
public sealed class AdminProviderEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/providers").WithTags("Linking").RequireAuthorization(AuthenticationSetup.AdminPolicy);

        admin.MapGet("", ListAsync).WithName("ListProviderApprovals");
        admin.MapPut("/{providerId}", SetAsync).WithName("SetProviderEnablement").ProducesValidationProblem();
        admin.MapGet("/domains", ListDomainsAsync).WithName("ListCustomDomains");
        admin.MapPut("/domains/{domain}", MapDomainAsync).WithName("MapCustomDomain").ProducesValidationProblem();
        admin.MapDelete("/domains/{domain}", UnmapDomainAsync).WithName("UnmapCustomDomain");
    }

    private static async Task<Ok<IReadOnlyList<AdminProviderResponse>>> ListAsync(IQuerySession session, CancellationToken ct)
    {
        var integrations = await session.LoadAsync<TenantIntegrations>(TenantIntegrations.StreamKey, ct) ?? TenantIntegrations.Empty;
        return TypedResults.Ok<IReadOnlyList<AdminProviderResponse>>(
            [.. ProviderCatalog.All.Select(p => AdminProviderResponse.From(p, integrations.Providers.GetValueOrDefault(p.Id)))]);
    }

    private static async Task<Ok<AdminProviderResponse>> SetAsync(
        string providerId, SetProviderRequest request, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        var approval = await sender.Send(new SetProviderEnablement(providerId, request.Enabled, request.ReviewTicket, user.UserId), ct);
        return TypedResults.Ok(AdminProviderResponse.From(ProviderCatalog.Get(providerId), approval));
    }

    private static async Task<Ok<IReadOnlyList<CustomDomainResponse>>> ListDomainsAsync(IQuerySession session, CancellationToken ct)
    {
        var integrations = await session.LoadAsync<TenantIntegrations>(TenantIntegrations.StreamKey, ct) ?? TenantIntegrations.Empty;
        return TypedResults.Ok<IReadOnlyList<CustomDomainResponse>>(
            [.. integrations.CustomDomains.Values.OrderBy(d => d.Domain, StringComparer.Ordinal).Select(CustomDomainResponse.From)]);
    }

    private static async Task<Ok<CustomDomainResponse>> MapDomainAsync(
        string domain, MapDomainRequest request, ISender sender, ICurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(CustomDomainResponse.From(await sender.Send(new MapCustomDomain(domain, request.Provider, user.UserId), ct)));

    private static async Task<NoContent> UnmapDomainAsync(string domain, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        await sender.Send(new UnmapCustomDomain(domain, user.UserId), ct);
        return TypedResults.NoContent();
    }
}

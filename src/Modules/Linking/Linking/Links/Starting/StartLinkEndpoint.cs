using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Links.Starting;

public sealed record StartLinkRequest(string? Provider, string? LoginHint);

/// <summary>CONTRACT.md's <c>{linkRequestId, authorizationUrl}</c>, plus when the request expires.</summary>
public sealed record StartLinkResponse(string LinkRequestId, string AuthorizationUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /api/me/links</c> <c>{provider, loginHint?}</c>: starts linking; the UI sends the browser to
/// <c>authorizationUrl</c>. The answer sets the link request's browser binding cookie
/// (<see cref="LinkRequestCookie"/>), and expires those of requests cancelled to make room.
/// </summary>
public sealed class StartLinkEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/me/links", StartAsync).WithTags("Linking").WithName("StartLink")
            .RequireAuthorization().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<Ok<StartLinkResponse>> StartAsync(
        StartLinkRequest request, ISender sender, ICurrentUser user, IConfiguration configuration, HttpRequest http, CancellationToken ct)
    {
        var provider = request.Provider?.Trim().ToLowerInvariant();
        var redirectUri = CallbackUris.For(configuration, http, ProviderCatalog.Find(provider)?.Id ?? "unknown");
        var binding = BrowserBinding.Create();
        var result = await sender.Send(new StartLink(provider, request.LoginHint, user.UserId, user.Email, redirectUri, binding.Hash), ct);
        foreach (var cancelled in result.Cancelled)
        {
            LinkRequestCookie.Expire(http.HttpContext, cancelled);
        }

        LinkRequestCookie.Append(http.HttpContext, result.PendingId, binding.Value);
        return TypedResults.Ok(new StartLinkResponse(result.LinkRequestId, result.AuthorizationUrl.AbsoluteUri, result.ExpiresAt));
    }
}

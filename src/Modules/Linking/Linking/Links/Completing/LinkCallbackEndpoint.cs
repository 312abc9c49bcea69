using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.BuildingBlocks.Errors;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Linking.Links.Starting;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Links.Completing;

/// <summary>The callback's answer: CONTRACT.md's <c>{linkId, status, externalAccount, message}</c>, plus the provider and whether it was a re-link.</summary>
public sealed record LinkCompletedResponse(string LinkId, string Status, string ExternalAccount, string Message, string Provider, bool Relinked);

/// <summary>
/// <c>GET /api/links/callback/{provider}?code=&amp;state=</c>: the OAuth redirect target. A browser
/// redirect carries no bearer token, so the endpoint is anonymous and takes the tenant from the
/// state (see <see cref="OAuthState"/>). It completes the link only for a caller that proves it
/// started it: the starting user's bearer token (the web UI relaying the redirect; another user's
/// or tenant's token is a 400), or the browser binding cookie that <c>POST /api/me/links</c> set
/// for this request (<see cref="LinkRequestCookie"/>). Without either it consumes nothing and
/// answers <see cref="LinkCallbackPage"/>, which hands the redirect to the page that opened it.
/// A bad, expired or reused state answers 400 and links nothing.
/// </summary>
public sealed class LinkCallbackEndpoint : ICarterModule
{
    private const string InvalidStateDetail = "This sign-in link is invalid, expired or was already used. Start linking again from your profile.";

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/links/callback/{provider}", CallbackAsync).WithTags("Linking").WithName("CompleteLink")
            .AllowAnonymous().Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<LinkCompletedResponse>, ContentHttpResult>> CallbackAsync(
        string provider,
        string? code,
        string? state,
        string? error,
        HttpContext http,
        CancellationToken ct)
    {
        var info = ProviderCatalog.Find(provider) ?? throw DomainException.NotFound("Provider", provider);
        var parsed = OAuthState.TryParse(state);
        var caller = http.User.Identity?.IsAuthenticated == true ? http.User : null;
        if (parsed is null || (caller is not null && caller.FindFirst(NavusoftClaims.TenantId)?.Value != parsed.TenantId))
        {
            throw InvalidState();
        }

        if (string.IsNullOrEmpty(code) && string.IsNullOrEmpty(error))
        {
            throw DomainException.RuleViolated("code", "Required.");
        }

        // The scope's tenant must be set before anything opens the scope's Marten session, so the
        // mediator (whose pipeline holds the unit of work and its session) is resolved only now.
        http.RequestServices.GetRequiredService<ITenantScope>().Use(parsed.TenantId);
        var sender = http.RequestServices.GetRequiredService<ISender>();

        // A token speaks for its user; only a request without one is asked for the browser's cookie.
        var callerUserId = caller?.FindFirst(NavusoftClaims.Subject)?.Value;
        var presented = caller is null ? LinkRequestCookie.Read(http.Request, parsed.Hash) : null;
        ConsumeOutcome outcome;
        try
        {
            outcome = await sender.Send(new ConsumeLinkState(info.Id, parsed, callerUserId, presented is null ? null : BrowserBinding.HashOf(presented)), ct);
        }
        catch (JasperFx.ConcurrencyException)
        {
            throw InvalidState(); // another callback with the same state won the race
        }

        if (outcome.Rejection == StateRejection.Unproven)
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Content(LinkCallbackPage.Html(info, http.Request.PathBase), "text/html; charset=utf-8");
        }

        if (outcome.Authorization is not { } authorization)
        {
            throw InvalidState();
        }

        LinkRequestCookie.Expire(http, parsed.Hash); // used up: the browser need not keep it

        if (!string.IsNullOrEmpty(error))
        {
            throw new ProblemException(400, "Linking cancelled", $"{info.Name} did not grant access ({ErrorCode(error)}). Start linking again from your profile when you are ready.");
        }

        CompleteLinkResult result;
        try
        {
            result = await sender.Send(new CompleteLink(authorization, code!), ct);
        }
        catch (OAuthTokenException e)
        {
            throw e.IsRefusal
                ? new ProblemException(400, "Linking failed", $"{info.Name} did not accept the sign-in ({e.Error}). Start linking again from your profile.")
                : new ProblemException(502, "Provider unavailable", $"{info.Name} could not complete the sign-in. Start linking again in a moment.");
        }

        var message = $"Your {info.Name} account {result.ExternalAccount} is linked. Your emails and calendar are syncing now.";
        return TypedResults.Ok(new LinkCompletedResponse(result.LinkId, result.State.ToString(), result.ExternalAccount, message, result.Provider, result.Relinked));
    }

    /// <summary>
    /// The provider's <c>error</c> as a short code (RFC 6749 error codes are words like <c>access_denied</c>); anything
    /// else, which only someone crafting the redirect sends, is not repeated back.
    /// </summary>
    internal static string ErrorCode(string error) =>
        error.Length <= 64 && error.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? error : "unrecognized error";

    private static ProblemException InvalidState() => new(400, "Invalid link state", InvalidStateDetail);
}

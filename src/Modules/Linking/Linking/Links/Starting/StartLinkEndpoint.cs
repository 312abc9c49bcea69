using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.BuildingBlocks.Errors;
using NavusoftSync.Linking.Links.Completing;
using NavusoftSync.Linking.Links.PasswordLinking;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Links.Starting;

/// <summary>
/// <c>{provider, loginHint?}</c> for an OAuth provider; <c>{provider: "imap", imap, caldav?, address?}</c> for a password mailbox
/// (<see cref="LinkPasswordMailbox"/>).
/// </summary>
public sealed record StartLinkRequest(string? Provider, string? LoginHint, ImapLogin? Imap = null, CalDavLogin? Caldav = null, string? Address = null)
{
    public override string ToString() => $"StartLinkRequest {{ Provider = {Provider}, Imap = {Imap}, Caldav = {Caldav} }}";
}

/// <summary>CONTRACT.md's <c>{linkRequestId, authorizationUrl}</c>, plus when the request expires.</summary>
public sealed record StartLinkResponse(string LinkRequestId, string AuthorizationUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /api/me/links</c> <c>{provider, loginHint?}</c>: starts linking; the UI sends the browser to
/// <c>authorizationUrl</c>. The answer sets the link request's browser binding cookie
/// (<see cref="LinkRequestCookie"/>), and expires those of requests cancelled to make room.
/// With a password provider (<c>imap</c>) the same call links at once and answers like the OAuth callback
/// (<see cref="LinkCompletedResponse"/>); too many attempts answer 429.
/// </summary>
public sealed class StartLinkEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/me/links", StartAsync).WithTags("Linking").WithName("StartLink")
            .RequireAuthorization().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<Ok<StartLinkResponse>, Ok<LinkCompletedResponse>>> StartAsync(
        StartLinkRequest request, ISender sender, ICurrentUser user, IConfiguration configuration, HttpRequest http, CancellationToken ct)
    {
        var provider = request.Provider?.Trim().ToLowerInvariant();
        if (ProviderCatalog.Find(provider) is { Kind: ProviderKind.Password } password)
        {
            return TypedResults.Ok(await LinkPasswordAsync(password, request, sender, user, ct));
        }

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

    private static async Task<LinkCompletedResponse> LinkPasswordAsync(ProviderInfo provider, StartLinkRequest request, ISender sender, ICurrentUser user, CancellationToken ct)
    {
        CompleteLinkResult result;
        try
        {
            result = await sender.Send(new LinkPasswordMailbox(request.Imap, request.Caldav, request.Address, user.UserId, user.Email), ct);
        }
        catch (TooManyLinkAttemptsException e)
        {
            throw new ProblemException(
                StatusCodes.Status429TooManyRequests,
                "Too many attempts",
                $"You tried to link a mailbox {PasswordLinkThrottle.MaxAttempts} times in {PasswordLinkThrottle.Window.TotalMinutes:0} minutes. Try again after {e.RetryAt:HH:mm} UTC.");
        }

        var message = $"Your mailbox {result.ExternalAccount} is linked. Your emails and calendar are syncing now.";
        return new LinkCompletedResponse(result.LinkId, result.State.ToString(), result.ExternalAccount, message, result.Provider, result.Relinked);
    }
}

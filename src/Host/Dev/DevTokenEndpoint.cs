using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Tenancy;

namespace NavusoftSync.Host.Dev;

/// <summary>
/// <c>POST /api/dev/token</c>: mints a token for demos. Mapped only in Development; it does not
/// exist in any other environment (404). <c>role</c> is <c>admin</c>, <c>operator</c> or (anything
/// else) <c>user</c>.
/// </summary>
internal static class DevTokenEndpoint
{
    public sealed record DevTokenRequest(string? Sub, string? Tid, string? Email, string? Name, string? Role, string? Tz);

    public sealed record DevTokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);

    public static void MapDevTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/dev/token", (DevTokenRequest request, IConfiguration configuration, TimeProvider clock) =>
            {
                var options = AuthOptions.From(configuration, isDevelopment: true);
                var now = clock.GetUtcNow();
                var lifetime = TimeSpan.FromHours(8);
                var token = TokenIssuer.Issue(options, new TokenRequest(
                    string.IsNullOrWhiteSpace(request.Sub) ? "demo-user" : request.Sub,
                    string.IsNullOrWhiteSpace(request.Tid) ? "demo-tenant" : request.Tid,
                    request.Email, request.Name, RoleOf(request.Role), request.Tz), now, lifetime);
                return TypedResults.Ok(new DevTokenResponse(token, "Bearer", now + lifetime));
            })
            .AllowAnonymous().WithTags("Development").WithName("MintDevToken");

    private static string RoleOf(string? role) => role switch
    {
        NavusoftClaims.AdminRole => NavusoftClaims.AdminRole,
        NavusoftClaims.OperatorRole => NavusoftClaims.OperatorRole,
        _ => NavusoftClaims.UserRole,
    };
}

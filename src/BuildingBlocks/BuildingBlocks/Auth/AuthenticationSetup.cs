using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using NavusoftSync.BuildingBlocks.Tenancy;

namespace NavusoftSync.BuildingBlocks.Auth;

public static class AuthenticationSetup
{
    public const string AdminPolicy = "admin";

    /// <summary>Navusoft platform staff: store-wide operations (projection rebuilds, dead letters) that touch every tenant.</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>
    /// JWT bearer authentication as CONTRACT.md says: issuer, audience, and either an HS256 signing
    /// key or an OIDC authority. A token without <c>sub</c> or <c>tid</c> is rejected (401). Issuer
    /// and audience are always validated: a blank one (outside Development, see
    /// <see cref="AuthOptions.From"/>) matches no token, it never turns the check off.
    /// </summary>
    public static IServiceCollection AddNavusoftAuthentication(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        var options = AuthOptions.From(configuration, isDevelopment);
        if (string.IsNullOrWhiteSpace(options.SigningKey) && string.IsNullOrWhiteSpace(options.Authority))
        {
            throw new InvalidOperationException("Configure Auth:SigningKey or Auth:Authority.");
        }

        services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                if (!string.IsNullOrWhiteSpace(options.Authority))
                {
                    jwt.Authority = options.Authority;
                }

                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = string.IsNullOrWhiteSpace(options.Issuer) ? null : options.Issuer,
                    ValidateAudience = true,
                    ValidAudience = string.IsNullOrWhiteSpace(options.Audience) ? null : options.Audience,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                    NameClaimType = NavusoftClaims.Subject,
                    RoleClaimType = NavusoftClaims.Role,
                    IssuerSigningKey = string.IsNullOrWhiteSpace(options.SigningKey) ? null : SigningKeys.Resolve(options.SigningKey),
                    ValidAlgorithms = string.IsNullOrWhiteSpace(options.SigningKey) ? null : [SecurityAlgorithms.HmacSha256],
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var principal = context.Principal;
                        if (string.IsNullOrWhiteSpace(principal?.FindFirst(NavusoftClaims.Subject)?.Value)
                            || string.IsNullOrWhiteSpace(principal.FindFirst(NavusoftClaims.TenantId)?.Value))
                        {
                            context.Fail("The token must carry sub and tid claims.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(NavusoftClaims.AdminRole))
            .AddPolicy(OperatorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(NavusoftClaims.OperatorRole))
            .SetFallbackPolicy(null);
        return services;
    }
}

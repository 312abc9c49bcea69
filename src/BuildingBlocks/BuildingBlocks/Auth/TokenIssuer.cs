using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NavusoftSync.BuildingBlocks.Tenancy;

namespace NavusoftSync.BuildingBlocks.Auth;

/// <summary>What a minted token says about its user.</summary>
public sealed record TokenRequest(string Sub, string Tid, string? Email = null, string? Name = null, string Role = "user", string? Tz = null);

/// <summary>
/// Mints HS256 tokens with the configured key. Used by the Development-only token endpoint, the
/// demo and the tests; production tokens come from Navusoft's identity provider.
/// </summary>
public static class TokenIssuer
{
    public static string Issue(AuthOptions options, TokenRequest request, DateTimeOffset now, TimeSpan lifetime)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            throw new InvalidOperationException("Minting tokens needs Auth:SigningKey.");
        }

        var claims = new List<Claim>
        {
            new(NavusoftClaims.Subject, request.Sub),
            new(NavusoftClaims.TenantId, request.Tid),
            new(NavusoftClaims.Role, request.Role),
        };
        AddIfPresent(claims, NavusoftClaims.Email, request.Email);
        AddIfPresent(claims, NavusoftClaims.Name, request.Name);
        AddIfPresent(claims, NavusoftClaims.TimeZone, request.Tz);

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKeys.Resolve(options.SigningKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}

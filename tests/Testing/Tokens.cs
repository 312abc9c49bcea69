using NavusoftSync.BuildingBlocks.Auth;

namespace NavusoftSync.Testing;

/// <summary>Real HS256 tokens signed with the test key.</summary>
public static class Tokens
{
    public static string Issue(TokenRequest user, TimeSpan? lifetime = null) =>
        TokenIssuer.Issue(NavusoftApp.Auth, user, DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromHours(1));

    public static TokenRequest Admin(string tenant, string sub = "core-system") => new(sub, tenant, $"{sub}@{tenant}.test", "Navusoft Core", NavusoftSync.BuildingBlocks.Tenancy.NavusoftClaims.AdminRole);

    /// <summary>Navusoft platform staff (store-wide operations); their own tenant claim is Navusoft's.</summary>
    public static TokenRequest Operator(string sub = "operator-1", string tenant = "navusoft") => new(sub, tenant, $"{sub}@navusoft.test", "Platform Operator", NavusoftSync.BuildingBlocks.Tenancy.NavusoftClaims.OperatorRole);

    public static TokenRequest User(string tenant, string sub = "user-1", string? tz = null) => new(sub, tenant, $"{sub}@{tenant}.test", "Office User", NavusoftSync.BuildingBlocks.Tenancy.NavusoftClaims.UserRole, tz);
}

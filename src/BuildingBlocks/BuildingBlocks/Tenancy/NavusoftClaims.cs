namespace NavusoftSync.BuildingBlocks.Tenancy;

/// <summary>The claim names of a Navusoft token (CONTRACT.md, "Authentication and tenancy").</summary>
public static class NavusoftClaims
{
    public const string Subject = "sub";
    public const string TenantId = "tid";
    public const string Email = "email";
    public const string Name = "name";
    public const string Role = "role";
    public const string TimeZone = "tz";
    public const string AdminRole = "admin";
    public const string UserRole = "user";

    /// <summary>Navusoft platform staff (store-wide operations); not an admin of any tenant.</summary>
    public const string OperatorRole = "operator";
}

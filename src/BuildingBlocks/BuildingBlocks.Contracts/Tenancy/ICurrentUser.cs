namespace NavusoftSync.BuildingBlocks.Contracts.Tenancy;

/// <summary>The authenticated Navusoft user, from the token's claims.</summary>
public interface ICurrentUser
{
    /// <summary>The token's <c>sub</c>.</summary>
    string UserId { get; }

    string? Email { get; }

    string? Name { get; }

    bool IsAdmin { get; }

    /// <summary>The token's <c>tz</c> (IANA), when present.</summary>
    string? TimeZone { get; }
}

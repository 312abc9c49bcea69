namespace NavusoftSync.BuildingBlocks.Domain;

/// <summary>What kind of refusal a <see cref="DomainException"/> is; the HTTP edge chooses the status from it.</summary>
public enum DomainErrorKind
{
    /// <summary>The thing the command names does not exist for the caller.</summary>
    NotFound,

    /// <summary>The state of the thing does not allow the command (a contact with other details under the id, an unlinked link).</summary>
    Conflict,

    /// <summary>The command breaks a rule about its own values; <see cref="DomainException.Violations"/> says which field and why.</summary>
    RuleViolated,

    /// <summary>The caller's organization has not been granted what the command needs.</summary>
    NotPermitted,

    /// <summary>Something the command depends on is missing or not working on our side; trying later may help.</summary>
    Unavailable,
}

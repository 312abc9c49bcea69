namespace NavusoftSync.ContactDirectory.Accounts;

public sealed record AccountRegistered(string AccountId, string Name, DateTimeOffset At);

public sealed record AccountRenamed(string AccountId, string Name, DateTimeOffset At);

public sealed record ContactAdded(string AccountId, string ContactId, string Name, string Email, DateTimeOffset At);

/// <summary>Carries the contact's email so the email index can be updated from the event alone.</summary>
public sealed record ContactRenamed(string AccountId, string ContactId, string Email, string Name, DateTimeOffset At);

public sealed record ContactEmailChanged(string AccountId, string ContactId, string Name, string OldEmail, string NewEmail, DateTimeOffset At);

public sealed record ContactRemoved(string AccountId, string ContactId, string Email, DateTimeOffset At);

namespace NavusoftSync.ContactDirectory.Contracts;

/// <summary>One account contact an email address belongs to.</summary>
public sealed record ContactMatch(string AccountId, string ContactId, string Name);

namespace NavusoftSync.BuildingBlocks.Domain;

/// <summary>One broken rule: the command's property path (<c>Contacts[0].Email</c>) and a sentence the user can act on.</summary>
public sealed record RuleViolation(string Field, string Message);

using Mediator;

namespace NavusoftSync.ContactDirectory.Contracts;

/// <summary>Whether the current tenant has an account with this id (another tenant's account does not exist here).</summary>
public sealed record AccountExists(string AccountId) : IQuery<bool>;

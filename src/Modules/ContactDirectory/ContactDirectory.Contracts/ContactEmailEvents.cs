using NavusoftSync.BuildingBlocks.Contracts.Integration;

namespace NavusoftSync.ContactDirectory.Contracts;

/// <summary>A contact of an account now has this (normalized) email address.</summary>
public sealed record ContactEmailAppeared(string AccountId, string ContactId, string Email) : IIntegrationEvent;

/// <summary>A contact of an account no longer has this (normalized) email address.</summary>
public sealed record ContactEmailDisappeared(string AccountId, string ContactId, string Email) : IIntegrationEvent;

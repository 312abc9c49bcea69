using NavusoftSync.BuildingBlocks.Contracts.Integration;

namespace NavusoftSync.Synchronization.Privacy.Review;

/// <summary>
/// The tenant's privacy stream changed at <c>Version</c> (a <see cref="PrivacyPolicySet"/>, or for <c>UserId</c> a
/// <see cref="UserPrivacySet"/>): the module's own integration event, so the review of what is stored runs once per
/// change, after the change committed, checkpointed and deduplicated like any delivery.
/// </summary>
internal sealed record PrivacyRulesChanged(long Version, string ChangedBy, string? UserId) : IIntegrationEvent;

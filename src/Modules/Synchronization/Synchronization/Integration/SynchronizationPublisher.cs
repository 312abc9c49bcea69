using JasperFx.Events;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.Synchronization.Contracts;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Privacy.Review;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Integration;

/// <summary>
/// Publishes each link's sync runs (started, completed, failed) for the Linking module's link status, and each change of
/// the tenant's privacy rules for the module's own review of what is stored (<see cref="PrivacyRulesChanged"/>).
/// </summary>
internal sealed class SynchronizationPublisher(IntegrationEventDispatcher dispatcher, ILogger<SynchronizationPublisher> logger)
    : IntegrationEventSubscription(dispatcher, logger)
{
    public const string SubscriptionName = "synchronization_publisher";

    public static readonly Type[] PublishedFrom = [typeof(SyncRunStarted), typeof(SyncRunCompleted), typeof(SyncRunFailed), typeof(PrivacyPolicySet), typeof(UserPrivacySet)];

    protected override IEnumerable<IIntegrationEvent> Map(IEvent storedEvent) => storedEvent.Data switch
    {
        SyncRunStarted e => [new LinkSyncStarted(e.LinkId, e.RunId, e.StartedAt)],
        SyncRunCompleted e => [new LinkSyncCompleted(e.LinkId, e.RunId, e.StartedAt, e.FinishedAt, e.Mail.New, e.Calendar.New, e.SkippedCount)],
        SyncRunFailed e => [new LinkSyncFailed(e.LinkId, e.RunId, e.FailedAt, e.Reason)],
        PrivacyPolicySet e => [new PrivacyRulesChanged(storedEvent.Version, e.ChangedBy, null)],
        UserPrivacySet e => [new PrivacyRulesChanged(storedEvent.Version, e.ChangedBy, e.UserId)],
        _ => [],
    };
}

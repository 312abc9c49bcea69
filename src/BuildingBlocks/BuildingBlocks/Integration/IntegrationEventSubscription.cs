using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Contracts.Integration;

namespace NavusoftSync.BuildingBlocks.Integration;

/// <summary>
/// A module's publisher: a Marten subscription (run by the async daemon, checkpointed in
/// PostgreSQL) that turns the module's committed events into its Contracts integration events and
/// hands them to <see cref="IntegrationEventDispatcher"/>. Only committed events are ever seen, and
/// an event whose delivery did not complete is seen again after a restart (the checkpoint moves
/// only after the page is delivered); handlers deduplicate through their inbox records.
/// A delivery that keeps failing is retried, then recorded as a dead letter so one poison event
/// does not stop the module's other events.
/// </summary>
public abstract partial class IntegrationEventSubscription(IntegrationEventDispatcher dispatcher, ILogger logger) : SubscriptionBase
{
    private const int Attempts = 3;

    /// <summary>The integration events one stored event stands for (none for most events).</summary>
    protected abstract IEnumerable<IIntegrationEvent> Map(IEvent storedEvent);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(controller);
        foreach (var storedEvent in page.Events)
        {
            var context = ContextOf(storedEvent);
            var index = 0;
            foreach (var integrationEvent in Map(storedEvent))
            {
                await DeliverWithRetriesAsync(integrationEvent, context, index++, storedEvent, controller, cancellationToken);
            }
        }

        return NullChangeListener.Instance;
    }

    /// <summary>
    /// Delivers one stored event again (a dead letter's replay): its integration events go through
    /// the dispatcher once, without retries; handlers that already handled it skip it (their inbox
    /// records). Throws what the failing handler throws. Answers how many integration events it stood for.
    /// </summary>
    internal async Task<int> ReplayAsync(IEvent storedEvent, CancellationToken cancellationToken)
    {
        var context = ContextOf(storedEvent);
        var index = 0;
        foreach (var integrationEvent in Map(storedEvent))
        {
            await dispatcher.DispatchAsync(integrationEvent, context, index++, cancellationToken);
        }

        return index;
    }

    private static IntegrationEventContext ContextOf(IEvent storedEvent) =>
        new(storedEvent.Id, storedEvent.TenantId, storedEvent.Sequence, storedEvent.Timestamp)
        {
            CorrelationId = storedEvent.CorrelationId,
            UserName = storedEvent.UserName ?? HeaderText(storedEvent, Audit.AuditHeaders.User),
        };

    private static string? HeaderText(IEvent storedEvent, string name) =>
        storedEvent.Headers?.TryGetValue(name, out var value) == true ? value?.ToString() : null;

    private async Task DeliverWithRetriesAsync(
        IIntegrationEvent integrationEvent, IntegrationEventContext context, int index, IEvent storedEvent,
        ISubscriptionController controller, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dispatcher.DispatchAsync(integrationEvent, context, index, cancellationToken);
                return;
            }
            catch (Exception exception) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                LogRetry(logger, exception, integrationEvent.GetType().Name, context.Sequence, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogDeadLetter(logger, exception, integrationEvent.GetType().Name, context.Sequence);
                await controller.RecordDeadLetterEventAsync(storedEvent, exception);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {EventType} (sequence {Sequence}) failed on attempt {Attempt}; retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, string eventType, long sequence, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering {EventType} (sequence {Sequence}) failed for good; recorded as a dead letter")]
    private static partial void LogDeadLetter(ILogger logger, Exception exception, string eventType, long sequence);
}

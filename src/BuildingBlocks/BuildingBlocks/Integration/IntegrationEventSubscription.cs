using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Integration.DeadLetters;

namespace NavusoftSync.BuildingBlocks.Integration;

/// <summary>
/// A module's publisher: a Marten subscription (run by the async daemon, checkpointed in
/// PostgreSQL) that turns the module's committed events into its Contracts integration events and
/// hands them to <see cref="IntegrationEventDispatcher"/>. Only committed events are ever seen, and
/// an event whose delivery did not complete is seen again after a restart (the checkpoint moves
/// only after the page is delivered); handlers deduplicate through their inbox records.
/// Every handler of an event is delivered on its own: one that keeps failing is retried, then
/// recorded as a <see cref="HandlerDeadLetter"/> naming it (committed with the checkpoint), while
/// the event's other handlers and the module's later events go on.
/// </summary>
public abstract partial class IntegrationEventSubscription(IntegrationEventDispatcher dispatcher, ILogger logger) : SubscriptionBase
{
    private const int Attempts = 3;

    /// <summary>The name the subscription is registered under (its checkpoint row), set at registration.</summary>
    internal string PublisherName { get; set; } = string.Empty;

    /// <summary>The integration events one stored event stands for (none for most events).</summary>
    protected abstract IEnumerable<IIntegrationEvent> Map(IEvent storedEvent);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var storedEvent in page.Events)
        {
            var context = ContextOf(storedEvent);
            var index = 0;
            foreach (var integrationEvent in Map(storedEvent))
            {
                var failures = await dispatcher.DeliverToEachAsync(integrationEvent, context, index, Attempts, cancellationToken);
                foreach (var failure in failures)
                {
                    LogDeadLetter(logger, failure.Exception, integrationEvent.GetType().Name, failure.Handler, context.Sequence, failure.Attempts);
                    operations.Store(DeadLetterOf(storedEvent, index, failure));
                }

                index++;
            }
        }

        return NullChangeListener.Instance;
    }

    /// <summary>
    /// Delivers one stored event again to every handler (a whole-event dead letter's replay): once,
    /// without retries; handlers that already handled it skip it (their inbox records). Throws
    /// when a handler fails again. Answers how many integration events it stood for.
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

    /// <summary>
    /// Delivers the integration event a handler's dead letter stands for again, to that handler
    /// only: once, without retries, skipped when its inbox record shows it handled it since.
    /// Throws what the handler throws.
    /// </summary>
    internal Task ReplayAsync(IEvent storedEvent, HandlerDeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var integrationEvent = Map(storedEvent).ElementAtOrDefault(letter.Index)
            ?? throw new InvalidOperationException($"Stored event {storedEvent.Sequence} no longer stands for an integration event at index {letter.Index}.");
        return dispatcher.DeliverToAsync(integrationEvent, letter.Handler, ContextOf(storedEvent), letter.Index, cancellationToken);
    }

    private HandlerDeadLetter DeadLetterOf(IEvent storedEvent, int index, FailedDelivery failure) => new(
        HandlerDeadLetter.IdOf(PublisherName, failure.Handler, storedEvent.Id, index),
        PublisherName,
        failure.Handler,
        storedEvent.EventTypeName,
        storedEvent.Sequence,
        storedEvent.Id,
        index,
        storedEvent.TenantId,
        DateTimeOffset.UtcNow,
        failure.Exception.GetType().Name,
        $"Failure to deliver event #{storedEvent.Sequence} to {failure.Handler} after {failure.Attempts} attempt(s); the exception is in the log.");

    private static IntegrationEventContext ContextOf(IEvent storedEvent) =>
        new(storedEvent.Id, storedEvent.TenantId, storedEvent.Sequence, storedEvent.Timestamp)
        {
            CorrelationId = storedEvent.CorrelationId,
            UserName = storedEvent.UserName ?? HeaderText(storedEvent, Audit.AuditHeaders.User),
        };

    private static string? HeaderText(IEvent storedEvent, string name) =>
        storedEvent.Headers?.TryGetValue(name, out var value) == true ? value?.ToString() : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering {EventType} (sequence {Sequence}) to {Handler} failed on all {Attempts} attempts; recorded as a dead letter")]
    private static partial void LogDeadLetter(ILogger logger, Exception exception, string eventType, string handler, long sequence, int attempts);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Mediation;
using NavusoftSync.BuildingBlocks.Tenancy;

namespace NavusoftSync.BuildingBlocks.Integration;

/// <summary>
/// Delivers one integration event to every handler registered for its type. Each delivery is on
/// its own: its own DI scope bound to the event's tenant, and a unit of work that also stores the
/// handler's inbox record, so the handler's changes and "handled" commit together or not at all.
/// A handler that fails neither rolls back, repeats nor withholds the event from the others.
/// </summary>
public sealed partial class IntegrationEventDispatcher(
    IServiceScopeFactory scopes, IntegrationEventHandlerRegistry handlers, TimeProvider clock, ILogger<IntegrationEventDispatcher> logger)
{
    /// <summary>
    /// Delivers the event once to every handler; when some failed (the others are delivered all the
    /// same), throws an <see cref="AggregateException"/> of their exceptions.
    /// </summary>
    public async Task DispatchAsync(IIntegrationEvent integrationEvent, IntegrationEventContext context, int index, CancellationToken cancellationToken)
    {
        var failures = await DeliverToEachAsync(integrationEvent, context, index, attempts: 1, cancellationToken);
        if (failures.Count > 0)
        {
            throw new AggregateException($"{failures.Count} handler(s) of {integrationEvent.GetType().Name} failed.", failures.Select(f => f.Exception));
        }
    }

    /// <summary>
    /// Delivers the event to every handler, trying each up to <paramref name="attempts"/> times;
    /// answers the handlers that failed every attempt. Throws only when cancelled.
    /// </summary>
    internal async Task<IReadOnlyList<FailedDelivery>> DeliverToEachAsync(
        IIntegrationEvent integrationEvent, IntegrationEventContext context, int index, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        ArgumentNullException.ThrowIfNull(context);
        var failures = new List<FailedDelivery>();
        foreach (var handlerType in handlers.HandlersOf(integrationEvent.GetType()))
        {
            if (await DeliverWithRetriesAsync(integrationEvent, handlerType, context, index, attempts, cancellationToken) is { } failure)
            {
                failures.Add(failure);
            }
        }

        return failures;
    }

    /// <summary>
    /// Delivers the event once to the one handler named (its full type name, as inbox records and
    /// dead letters name it); skipped when its inbox record shows it handled it already. Throws
    /// what the handler throws, and <see cref="InvalidOperationException"/> for a handler that no
    /// longer handles this event type.
    /// </summary>
    internal Task DeliverToAsync(
        IIntegrationEvent integrationEvent, string handlerName, IntegrationEventContext context, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var handlerType = handlers.HandlersOf(integrationEvent.GetType()).FirstOrDefault(t => NameOf(t) == handlerName)
            ?? throw new InvalidOperationException($"No handler named '{handlerName}' handles {integrationEvent.GetType().Name}.");
        return DeliverAsync(integrationEvent, handlerType, context, index, cancellationToken);
    }

    /// <summary>The name inbox records and dead letters give a handler: its full type name.</summary>
    internal static string NameOf(Type handlerType) => handlerType.FullName ?? handlerType.Name;

    private async Task<FailedDelivery?> DeliverWithRetriesAsync(
        IIntegrationEvent integrationEvent, Type handlerType, IntegrationEventContext context, int index, int attempts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DeliverAsync(integrationEvent, handlerType, context, index, cancellationToken);
                return null;
            }
            catch (Exception exception) when (attempt < attempts && !cancellationToken.IsCancellationRequested)
            {
                LogRetry(logger, exception, integrationEvent.GetType().Name, NameOf(handlerType), context.Sequence, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                return new FailedDelivery(NameOf(handlerType), exception, attempt);
            }
        }
    }

    private async Task DeliverAsync(
        IIntegrationEvent integrationEvent, Type handlerType, IntegrationEventContext context, int index, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(context.TenantId);
        scope.ServiceProvider.GetRequiredService<AuditContext>().ForDelivery(context);
        var handler = scope.ServiceProvider.GetRequiredService(handlerType);
        var handlerName = NameOf(handlerType);
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var inboxId = $"{handlerName}|{context.EventId}|{index}";

        if (await unitOfWork.Session.LoadAsync<InboxRecord>(inboxId, cancellationToken) is not null)
        {
            LogDuplicate(logger, integrationEvent.GetType().Name, handlerName, context.Sequence);
            return;
        }

        await unitOfWork.RunAsync(
            async () =>
            {
                await InvokeAsync(handler, integrationEvent, context, cancellationToken);
                unitOfWork.Session.Insert(new InboxRecord(inboxId, handlerName, integrationEvent.GetType().Name, context.Sequence, clock.GetUtcNow()));
                return true;
            },
            cancellationToken);
        LogDelivered(logger, integrationEvent.GetType().Name, handlerName, context.Sequence, context.TenantId);
    }

    private static ValueTask InvokeAsync(object handler, IIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        Invokers.GetOrAdd(integrationEvent.GetType(), static type => typeof(IntegrationEventDispatcher)
                .GetMethod(nameof(InvokeTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type)
                .CreateDelegate<Func<object, IIntegrationEvent, IntegrationEventContext, CancellationToken, ValueTask>>())
            (handler, integrationEvent, context, cancellationToken);

    private static ValueTask InvokeTyped<TEvent>(object handler, IIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent =>
        ((IIntegrationEventHandler<TEvent>)handler).Handle((TEvent)integrationEvent, context, cancellationToken);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<object, IIntegrationEvent, IntegrationEventContext, CancellationToken, ValueTask>> Invokers = new();

    [LoggerMessage(Level = LogLevel.Debug, Message = "{EventType} (sequence {Sequence}) already handled by {Handler}; skipped")]
    private static partial void LogDuplicate(ILogger logger, string eventType, string handler, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "{EventType} (sequence {Sequence}, tenant {TenantId}) handled by {Handler}")]
    private static partial void LogDelivered(ILogger logger, string eventType, string handler, long sequence, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {EventType} (sequence {Sequence}) to {Handler} failed on attempt {Attempt}; retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, string eventType, string handler, long sequence, int attempt);
}

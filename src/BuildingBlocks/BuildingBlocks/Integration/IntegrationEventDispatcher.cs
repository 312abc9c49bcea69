using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Mediation;
using NavusoftSync.BuildingBlocks.Tenancy;

namespace NavusoftSync.BuildingBlocks.Integration;

/// <summary>
/// Delivers one integration event to every handler registered for its type, each in its own DI
/// scope bound to the event's tenant and inside a unit of work that also stores the handler's
/// inbox record: the handler's changes and "handled" commit together or not at all.
/// </summary>
public sealed partial class IntegrationEventDispatcher(
    IServiceScopeFactory scopes, IntegrationEventHandlerRegistry handlers, TimeProvider clock, ILogger<IntegrationEventDispatcher> logger)
{
    public async Task DispatchAsync(IIntegrationEvent integrationEvent, IntegrationEventContext context, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        ArgumentNullException.ThrowIfNull(context);

        // One scope, one unit of work and one inbox record per handler: a failing handler neither
        // rolls back nor repeats the others.
        foreach (var handlerType in handlers.HandlersOf(integrationEvent.GetType()))
        {
            await DeliverAsync(integrationEvent, handlerType, context, index, cancellationToken);
        }
    }

    private async Task DeliverAsync(
        IIntegrationEvent integrationEvent, Type handlerType, IntegrationEventContext context, int index, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(context.TenantId);
        scope.ServiceProvider.GetRequiredService<AuditContext>().ForDelivery(context);
        var handler = scope.ServiceProvider.GetRequiredService(handlerType);
        var handlerName = handler.GetType().FullName ?? handler.GetType().Name;
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
}

namespace NavusoftSync.BuildingBlocks.Integration;

/// <summary>
/// Which handler types handle which integration event type, filled at registration, so a delivery
/// resolves exactly the handler it runs instead of building every handler to count them.
/// </summary>
public sealed class IntegrationEventHandlerRegistry
{
    private readonly Dictionary<Type, List<Type>> _handlers = [];

    public IReadOnlyList<Type> HandlersOf(Type eventType) =>
        _handlers.TryGetValue(eventType, out var handlers) ? handlers : [];

    internal void Add(Type eventType, Type handlerType)
    {
        if (!_handlers.TryGetValue(eventType, out var handlers))
        {
            _handlers[eventType] = handlers = [];
        }

        if (!handlers.Contains(handlerType))
        {
            handlers.Add(handlerType);
        }
    }
}

using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NavusoftSync.BuildingBlocks.Contracts.Integration;

namespace NavusoftSync.BuildingBlocks.Integration;

public static class IntegrationEventSetup
{
    /// <summary>
    /// Registers a module's publisher subscription under a stable name (its checkpoint row), limited
    /// to the stored event types it maps.
    /// </summary>
    public static IServiceCollection AddIntegrationEventPublisher<TSubscription>(
        this IServiceCollection services, string name, params Type[] storedEventTypes)
        where TSubscription : IntegrationEventSubscription
    {
        services.TryAddSingleton<TSubscription>();
        services.AddSingleton(new IntegrationEventPublisher(name, typeof(TSubscription)));
        services.AddSingleton<IConfigureMarten>(sp => new PublisherRegistration(sp.GetRequiredService<TSubscription>(), name, storedEventTypes));
        return services;
    }

    /// <summary>Registers every <see cref="IIntegrationEventHandler{TEvent}"/> of an assembly (scoped, by its own type).</summary>
    public static IServiceCollection AddIntegrationEventHandlers(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var registry = HandlerRegistry(services);
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>)))
            {
                registry.Add(contract.GetGenericArguments()[0], type);
                services.TryAddScoped(type);
            }
        }

        return services;
    }

    /// <summary>The collection's one registry (added on first use).</summary>
    internal static IntegrationEventHandlerRegistry HandlerRegistry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(IntegrationEventHandlerRegistry))?.ImplementationInstance is IntegrationEventHandlerRegistry existing)
        {
            return existing;
        }

        var registry = new IntegrationEventHandlerRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    /// <summary>A registered publisher: its subscription name (as dead letters name it) and type.</summary>
    internal sealed record IntegrationEventPublisher(string Name, Type SubscriptionType);

    private sealed class PublisherRegistration(IntegrationEventSubscription subscription, string name, Type[] storedEventTypes) : IConfigureMarten
    {
        public void Configure(IServiceProvider services, StoreOptions options)
        {
            subscription.PublisherName = name;
            options.Schema.For<DeadLetters.HandlerDeadLetter>().DatabaseSchemaName("integration").SingleTenanted();
            options.Projections.Subscribe(subscription, o =>
            {
                o.Name = name;
                foreach (var type in storedEventTypes)
                {
                    o.IncludeType(type);
                }
            });
        }
    }
}

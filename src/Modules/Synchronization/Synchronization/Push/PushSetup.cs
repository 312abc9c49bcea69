using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NavusoftSync.Synchronization.Push;

/// <summary>Push notifications: options, secrets, routing, wake-ups, and the documents they keep.</summary>
internal static class PushSetup
{
    public static IServiceCollection AddPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PushOptions>().Configure(options => PushOptions.Bind(options, configuration));
        services.AddSingleton<PushSecrets>();
        services.AddSingleton<PushMetrics>();
        services.AddSingleton<PushRouter>();
        services.AddSingleton<PushWakeups>();
        services.AddScoped<LinkPushUpkeep>();
        services.AddScoped<PushSilence>();
        return services;
    }

    public static void ConfigureMarten(StoreOptions options)
    {
        options.Schema.For<PushRegistration>().DatabaseSchemaName(SynchronizationModule.Schema).DocumentAlias("push_registration").Duplicate(r => r.LinkId);
        options.Schema.For<LinkPush>().DatabaseSchemaName(SynchronizationModule.Schema).DocumentAlias("link_push");
        options.Schema.For<PushHeartbeat>().DatabaseSchemaName(SynchronizationModule.Schema).DocumentAlias("push_heartbeat");

        // The only document outside the tenants: a notification names no tenant (see PushRoute).
        options.Schema.For<PushRoute>().DatabaseSchemaName(SynchronizationModule.Schema).DocumentAlias("push_route").SingleTenanted().Duplicate(r => r.Key);
    }
}

using FluentValidation;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.DataProtection;
using NavusoftSync.Linking.Integration;
using NavusoftSync.Linking.Integrations;
using NavusoftSync.Linking.Links;
using NavusoftSync.Linking.Links.Listing;
using NavusoftSync.Linking.Links.PasswordLinking;
using NavusoftSync.Linking.Links.Starting;
using NavusoftSync.Linking.OAuth;

namespace NavusoftSync.Linking;

/// <summary>The module's single entry point, called by the Host.</summary>
public static class LinkingModule
{
    public const string Schema = "linking";

    public static IServiceCollection AddLinkingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatorsFromAssembly(typeof(LinkingModule).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true); // stateless, no dependencies: built once, not per request
        services.ConfigureMarten(ConfigureMarten);
        services.AddIntegrationEventPublisher<LinkingPublisher>(LinkingPublisher.SubscriptionName, LinkingPublisher.PublishedFrom);
        services.AddIntegrationEventHandlers(typeof(LinkingModule).Assembly);
        services.AddLinkingDataProtection(configuration);
        services.AddOAuthProviders(configuration);
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<KeyedLocks>();
        services.AddScoped<LinkCredentialService>();
        services.AddMailServers(configuration);
        services.TryAddSingleton<CalDavDiscovery>();
        services.AddSingleton<PasswordLogins>();
        services.AddScoped<PasswordLinkThrottle>();
        return services;
    }

    private static void ConfigureMarten(StoreOptions options)
    {
        options.Events.MapEventType<ProviderEnabled>("linking.provider_enabled");
        options.Events.MapEventType<ProviderDisabled>("linking.provider_disabled");
        options.Events.MapEventType<CustomDomainMapped>("linking.custom_domain_mapped");
        options.Events.MapEventType<CustomDomainUnmapped>("linking.custom_domain_unmapped");
        options.Events.MapEventType<Linked>("linking.linked");
        options.Events.MapEventType<Relinked>("linking.relinked");
        options.Events.MapEventType<ReauthRequired>("linking.reauth_required");
        options.Events.MapEventType<Unlinked>("linking.unlinked");
        options.Events.MapEventType<SyncRequested>("linking.sync_requested");

        options.Projections.Add(new TenantIntegrationsProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<TenantIntegrations>().DatabaseSchemaName(Schema).DocumentAlias("tenant_integrations");
        options.Projections.Add(new LinkProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Link>().DatabaseSchemaName(Schema).DocumentAlias("link").Duplicate(l => l.UserId);
        options.Schema.For<LinkSyncActivity>().DatabaseSchemaName(Schema).DocumentAlias("link_sync_activity");
        options.Schema.For<LinkCredentials>().DatabaseSchemaName(Schema).DocumentAlias("link_credentials");
        options.Schema.For<PasswordLinkAttempts>().DatabaseSchemaName(Schema).DocumentAlias("password_link_attempts").UseOptimisticConcurrency(true);
        options.Schema.For<PendingAuthorization>().DatabaseSchemaName(Schema).DocumentAlias("pending_authorization")
            .UseOptimisticConcurrency(true).Duplicate(p => p.UserId);
        options.Storage.ExtendedSchemaObjects.Add(PostgresXmlRepository.Definition());
    }
}

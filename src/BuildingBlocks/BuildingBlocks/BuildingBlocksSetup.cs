using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.BuildingBlocks.Audit.Rebuilds;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.BuildingBlocks.Errors;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.BuildingBlocks.Integration.DeadLetters;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.BuildingBlocks.Marten;
using NavusoftSync.BuildingBlocks.Mediation;
using NavusoftSync.BuildingBlocks.Tenancy;

namespace NavusoftSync.BuildingBlocks;

public static class BuildingBlocksSetup
{
    /// <summary>Tenancy, the current user, JWT auth, problem details, Marten, unit of work and integration events.</summary>
    /// <param name="isDevelopment">Whether the host runs in Development (a blank Auth issuer/audience then takes its dev default).</param>
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddScoped<ITenantScope>(sp => sp.GetRequiredService<TenantContext>());
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<UnitOfWork>();
        services.TryAddSingleton(HostVersion.Of(System.Reflection.Assembly.GetEntryAssembly() ?? typeof(BuildingBlocksSetup).Assembly));
        services.TryAddSingleton(HostNode.From(configuration["Host:NodeName"]));
        services.AddScoped<AuditContext>();
        services.AddProjectionRebuilds();
        IntegrationEventSetup.HandlerRegistry(services);
        services.AddSingleton<IntegrationEventDispatcher>();
        services.AddSingleton<DeadLetterOffice>();
        services.AddNavusoftProblemDetails();
        services.AddNavusoftAuthentication(configuration, isDevelopment);
        services.AddNavusoftMarten(configuration);
        services.AddMailServers(configuration);
        return services;
    }
}

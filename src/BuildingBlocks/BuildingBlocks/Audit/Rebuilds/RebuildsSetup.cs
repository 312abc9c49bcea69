using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NavusoftSync.BuildingBlocks.Audit.Rebuilds;

public static class RebuildsSetup
{
    public static IServiceCollection AddProjectionRebuilds(this IServiceCollection services)
    {
        services.TryAddSingleton<ProjectionRebuilds>();
        return services;
    }
}

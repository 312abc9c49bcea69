using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NavusoftSync.Host.Health;

internal static class HealthSetup
{
    private const string Ready = "ready";

    public static IServiceCollection AddNavusoftHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [Ready]);
        return services;
    }

    /// <summary><c>/health/live</c>: the process answers; <c>/health/ready</c>: PostgreSQL answers too.</summary>
    public static void MapNavusoftHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
    }
}

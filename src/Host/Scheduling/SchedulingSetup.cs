using Quartz;

namespace NavusoftSync.Host.Scheduling;

internal static class SchedulingSetup
{
    /// <summary>
    /// Quartz with the ADO job store on PostgreSQL in clustered mode (several hosts share the
    /// work; every node gets a generated instance id), its tables created when missing, JSON job
    /// data. A node checks in every <c>Quartz:CheckinIntervalSeconds</c> (10); one silent for
    /// <c>Quartz:CheckinMisfireThresholdSeconds</c> (20) past that is taken for dead, and its
    /// running jobs are recovered by another node. <c>Quartz:Enabled=false</c> leaves the scheduler
    /// out (tests that are not about it).
    /// </summary>
    public static IServiceCollection AddNavusoftScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Quartz:Enabled", true))
        {
            return services;
        }

        var connectionString = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "NavusoftSync";
                s.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(configuration.GetValue("Quartz:ThreadCount", 4));
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(Npgsql.NpgsqlFactory.Instance, connectionString);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Quartz:CheckinIntervalSeconds", 10));
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(configuration.GetValue("Quartz:CheckinMisfireThresholdSeconds", 20));
                });
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                store.ConfigureStore(o => o.MisfireThreshold = TimeSpan.FromSeconds(60));
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}

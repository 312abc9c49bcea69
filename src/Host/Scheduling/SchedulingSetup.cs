using NavusoftSync.BuildingBlocks.Audit;
using Quartz;

namespace NavusoftSync.Host.Scheduling;

internal static class SchedulingSetup
{
    /// <summary>
    /// Quartz with the ADO job store on PostgreSQL in clustered mode (several hosts share the
    /// work), its tables created when missing, JSON job data. Every node's instance id is its
    /// <see cref="HostNode"/> (the <c>hostNode</c> header of the events it appends) and a part unique
    /// to the process (<see cref="InstanceIdOf"/>), so Quartz's tables say which host holds which job.
    /// A node checks in every <c>Quartz:CheckinIntervalSeconds</c> (10); one silent for
    /// <c>Quartz:CheckinMisfireThresholdSeconds</c> (20) past that is taken for dead, and its
    /// running jobs are recovered by another node. The jobs a dead node held (running, or acquired
    /// ahead of their fire time) wait for that: the interval plus the threshold after its last
    /// check-in, found at a survivor's next check-in; every other job fires on the other nodes at
    /// once. <c>Quartz:Enabled=false</c> leaves the scheduler out (tests that are not about it).
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
                s.InstanceId = InstanceIdOf(HostNode.From(configuration["Host:NodeName"]));
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

    /// <summary>
    /// The node's name, then a part unique to this process: two processes configured with one name (a copied
    /// setting) must never share an instance id, since a node checking in for the first time recovers the jobs
    /// its id held, as if it had crashed. The id keeps within 200 characters, the instance name column of Quartz's
    /// schemas for other databases (PostgreSQL's is text), so a long configured name is cut.
    /// </summary>
    internal static string InstanceIdOf(HostNode node)
    {
        var unique = $"/{Guid.NewGuid():N}";
        return node.Value[..Math.Min(node.Value.Length, 200 - unique.Length)] + unique;
    }
}

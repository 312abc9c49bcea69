using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Testing;
using Npgsql;
using Quartz;

namespace NavusoftSync.Host.IntegrationTests;

public sealed class SchedulerTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Quartz_runs_clustered_on_postgresql_with_its_tables_created_at_start_and_a_unique_instance_id_per_host()
    {
        var settings = new Dictionary<string, string?> { ["Quartz:Enabled"] = "true" };
        await using var first = new NavusoftApp(_connectionString, settings);
        await using var second = new NavusoftApp(_connectionString, settings);
        _ = first.Server;
        _ = second.Server;

        var metadata = await (await StartedAsync(first)).GetMetadata();
        var other = await (await StartedAsync(second)).GetMetadata();
        Assert.True(metadata.JobStoreClustered);
        Assert.True(metadata.JobStorePersistent);
        Assert.NotNull(metadata.RunningSince);
        Assert.NotEqual(metadata.SchedulerInstanceId, other.SchedulerInstanceId);

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state", connection);
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    /// <summary>The hosted service starts the scheduler once the application has started.</summary>
    private static async Task<IScheduler> StartedAsync(NavusoftApp app)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var i = 0; i < 100 && await scheduler.GetStatus() != SchedulerStatus.Running; i++)
        {
            await Task.Delay(100);
        }

        return scheduler;
    }
}

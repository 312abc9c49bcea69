using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Testing;
using Npgsql;
using Quartz;

namespace NavusoftSync.Host.IntegrationTests;

/// <summary>
/// Quartz runs clustered on PostgreSQL. Each node's instance id begins with its <c>Host:NodeName</c> (without one, the
/// machine name and process id), the name its events carry in the <c>hostNode</c> header, so the clustered store says
/// which host holds which job; two nodes given the same name (a copied setting) still get distinct ids, since a node that
/// found its id already in the store would recover that node's jobs.
/// </summary>
public sealed class SchedulerTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Quartz_runs_clustered_on_postgresql_with_its_tables_created_at_start_and_a_unique_instance_id_per_host()
    {
        await using var first = App(node: null);
        await using var second = App(node: null);

        var metadata = await (await StartedAsync(first)).GetMetadata();
        var other = await (await StartedAsync(second)).GetMetadata();
        Assert.True(metadata.JobStoreClustered);
        Assert.True(metadata.JobStorePersistent);
        Assert.NotNull(metadata.RunningSince);
        Assert.NotEqual(metadata.SchedulerInstanceId, other.SchedulerInstanceId);
        Assert.StartsWith($"{Environment.MachineName}:{Environment.ProcessId}/", metadata.SchedulerInstanceId, StringComparison.Ordinal);
        Assert.StartsWith($"{Environment.MachineName}:{Environment.ProcessId}/", other.SchedulerInstanceId, StringComparison.Ordinal);
        Assert.Equal(2, (await CheckedInAsync()).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_nodes_quartz_instance_id_is_its_node_name_and_unique_even_when_two_nodes_share_the_name()
    {
        await using var first = App("node-a");
        await using var second = App("node-b");
        await using var twin = App("node-b");

        var ids = new[] { await InstanceIdAsync(first), await InstanceIdAsync(second), await InstanceIdAsync(twin) };

        Assert.StartsWith("node-a/", ids[0], StringComparison.Ordinal);
        Assert.StartsWith("node-b/", ids[1], StringComparison.Ordinal);
        Assert.StartsWith("node-b/", ids[2], StringComparison.Ordinal);
        Assert.Equal(3, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), await CheckedInAsync());
    }

    [Fact]
    public async Task A_node_name_longer_than_quartz_stores_is_cut_so_the_node_still_checks_in()
    {
        var name = new string('n', 1_000);
        await using var node = App(name);

        var id = await InstanceIdAsync(node);

        Assert.Equal(200, id.Length);
        Assert.StartsWith(name[..150], id, StringComparison.Ordinal);
        Assert.Equal([id], await CheckedInAsync());
    }

    private NavusoftApp App(string? node) =>
        new(_connectionString, node is null
            ? new Dictionary<string, string?> { ["Quartz:Enabled"] = "true" }
            : new Dictionary<string, string?> { ["Quartz:Enabled"] = "true", ["Host:NodeName"] = node });

    /// <summary>The app's scheduler once its hosted service has started it (and so checked it in with the cluster).</summary>
    private static async Task<IScheduler> StartedAsync(NavusoftApp app)
    {
        _ = app.Server;
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var i = 0; i < 100 && await scheduler.GetStatus() != SchedulerStatus.Running; i++)
        {
            await Task.Delay(100);
        }

        return scheduler;
    }

    private static async Task<string> InstanceIdAsync(NavusoftApp app) => (await StartedAsync(app)).SchedulerInstanceId;

    private async Task<List<string>> CheckedInAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state ORDER BY instance_name COLLATE \"C\"", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

using JasperFx.Events.Daemon;
using JasperFx.Events.Descriptors;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Errors;
using Npgsql;

namespace NavusoftSync.BuildingBlocks.Audit.Rebuilds;

/// <summary>
/// Rebuilds every async projection of the store (subscriptions, inline and live projections
/// excluded) from the event store, one projection after another, in the background, with Marten's
/// daemon rebuild (<c>IProjectionDaemon.RebuildProjectionAsync</c>) on this host's daemon (the
/// daemon of the <c>IProjectionCoordinator</c>, which stops that projection's agent and replays it;
/// the agent is started again afterwards when this daemon runs agents; or a daemon built for the
/// rebuild when this host runs none).
/// One rebuild at a time across hosts: a PostgreSQL advisory lock is held for its duration, and a
/// second request answers 409. Progress per projection: state, start, finish, error, and the
/// events processed against the high-water mark (read from Marten's progression table, so any
/// host answers it).
/// </summary>
public sealed partial class ProjectionRebuilds(
    IDocumentStore store,
    IServiceProvider services,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<ProjectionRebuilds> logger)
{
    /// <summary>The PostgreSQL advisory lock a running rebuild holds (on any host).</summary>
    public const long RebuildLockKey = 0x4E61767552656C;

    private static readonly TimeSpan ProjectionTimeout = TimeSpan.FromMinutes(30);
    private readonly Lock _gate = new();
    private Run? _current;

    /// <summary>The async projections a rebuild replays (by name), in registration order.</summary>
    public IReadOnlyList<(string Name, string Kind)> Projections =>
        [.. ((StoreOptions)store.Options).Projections.All
            .Where(p => p.Lifecycle == ProjectionLifecycle.Async && p.Type != SubscriptionType.Subscription)
            .Select(p => (p.Name, p.Type.ToString()))];

    public RebuildRunStatus? Current
    {
        get
        {
            lock (_gate)
            {
                return _current?.Snapshot();
            }
        }
    }

    /// <summary>
    /// Starts a rebuild in the background; 409 when one is already running here or on another host.
    /// <paramref name="requestedBy"/> (who asked) goes to the log only: the status shows the role, no user id.
    /// </summary>
    public async Task<RebuildRunStatus> StartAsync(string requestedBy, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_current is { Finished: false })
            {
                throw AlreadyRunning();
            }
        }

        var connection = new NpgsqlConnection(configuration.GetConnectionString("Postgres"));
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", RebuildLockKey);
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw AlreadyRunning();
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        Run? run = null;
        lock (_gate)
        {
            if (_current is not { Finished: false })
            {
                run = _current = new Run(Guid.CreateVersion7(), clock.GetUtcNow(), [.. Projections.Select(p => p.Name)]);
            }
        }

        if (run is null)
        {
            await connection.DisposeAsync();
            throw AlreadyRunning();
        }

        LogStarted(logger, run.Id, requestedBy);
        _ = Task.Run(() => ExecuteAsync(run, connection, lifetime.ApplicationStopping), CancellationToken.None);
        return run.Snapshot();
    }

    /// <summary>Every async projection with its progress and, when a rebuild ran here, its part of that rebuild.</summary>
    public async Task<ProjectionsOverview> OverviewAsync(CancellationToken cancellationToken)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
        var highWater = progress.FirstOrDefault(p => p.ShardName == ShardState.HighWaterMark)?.Sequence ?? statistics.EventSequenceNumber;
        var current = Current;
        return new ProjectionsOverview(
            highWater,
            statistics.EventSequenceNumber,
            current,
            [.. Projections.Select(p => new ProjectionProgress(
                p.Name,
                p.Kind,
                progress.Where(s => s.ShardName.StartsWith(p.Name + ":", StringComparison.Ordinal)).Select(s => s.Sequence).DefaultIfEmpty(0).Min(),
                highWater,
                current?.Projections.FirstOrDefault(r => r.Name == p.Name)))]);
    }

    private async Task ExecuteAsync(Run run, NpgsqlConnection lockConnection, CancellationToken cancellationToken)
    {
        await using var _ = lockConnection;
        IProjectionDaemon? owned = null;
        try
        {
            var daemon = services.GetService<global::Marten.Events.Daemon.Coordination.IProjectionCoordinator>()?.DaemonForMainDatabase()
                ?? (owned = await store.BuildProjectionDaemonAsync());

            // A daemon that runs this host's agents (Solo, or the HotCold leader) goes on following
            // the store after the replay: the rebuild leaves the shard stopped, so start it again.
            var following = owned is null && daemon.IsRunning;
            foreach (var name in run.Names)
            {
                run.Begin(name, clock.GetUtcNow());
                try
                {
                    await daemon.RebuildProjectionAsync(name, ProjectionTimeout, cancellationToken);
                    if (following)
                    {
                        foreach (var shard in ((StoreOptions)store.Options).Projections.AllShards().Where(s => s.Name.Name == name))
                        {
                            await daemon.StartAgentAsync(shard.Name, cancellationToken);
                        }
                    }

                    run.End(name, clock.GetUtcNow(), null);
                    LogRebuilt(logger, name, run.Id);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    run.End(name, clock.GetUtcNow(), exception.Message);
                    LogFailed(logger, exception, name, run.Id);
                }
            }
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, "(daemon)", run.Id);
            run.Abort(clock.GetUtcNow(), exception.Message);
        }
        finally
        {
            run.Finish(clock.GetUtcNow());
            if (owned is not null)
            {
                await owned.StopAllAsync();
                (owned as IDisposable)?.Dispose();
            }
        }
    }

    private static ProblemException AlreadyRunning() =>
        new(409, "A rebuild is running", "A projection rebuild is already running; follow it at GET /api/admin/projections and ask again when it has finished.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection rebuild {RebuildId} started by {RequestedBy}")]
    private static partial void LogStarted(ILogger logger, Guid rebuildId, string requestedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection} rebuilt (rebuild {RebuildId})")]
    private static partial void LogRebuilt(ILogger logger, string projection, Guid rebuildId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuilding projection {Projection} failed (rebuild {RebuildId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string projection, Guid rebuildId);

    /// <summary>A rebuild's mutable state; read through <see cref="Snapshot"/> under its own lock.</summary>
    private sealed class Run(Guid id, DateTimeOffset startedAt, IReadOnlyList<string> names)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, ProjectionRebuildStatus> _projections =
            names.ToDictionary(n => n, n => new ProjectionRebuildStatus(n, RebuildState.Pending, null, null, null), StringComparer.Ordinal);

        private DateTimeOffset? _finishedAt;

        public Guid Id => id;

        public IReadOnlyList<string> Names => names;

        public bool Finished
        {
            get
            {
                lock (_lock)
                {
                    return _finishedAt is not null;
                }
            }
        }

        public void Begin(string name, DateTimeOffset at) => Set(name, s => s with { State = RebuildState.Running, StartedAt = at });

        public void End(string name, DateTimeOffset at, string? error) =>
            Set(name, s => s with { State = error is null ? RebuildState.Completed : RebuildState.Failed, FinishedAt = at, Error = error });

        public void Abort(DateTimeOffset at, string error)
        {
            foreach (var name in names)
            {
                Set(name, s => s.State is RebuildState.Pending or RebuildState.Running ? s with { State = RebuildState.Failed, FinishedAt = at, Error = error } : s);
            }
        }

        public void Finish(DateTimeOffset at)
        {
            lock (_lock)
            {
                _finishedAt = at;
            }
        }

        public RebuildRunStatus Snapshot()
        {
            lock (_lock)
            {
                var projections = names.Select(n => _projections[n]).ToList();
                var state = _finishedAt is null
                    ? RebuildState.Running
                    : projections.Any(p => p.State == RebuildState.Failed) ? RebuildState.Failed : RebuildState.Completed;
                return new RebuildRunStatus(id, state, RebuildRunStatus.ByOperator, startedAt, _finishedAt, projections);
            }
        }

        private void Set(string name, Func<ProjectionRebuildStatus, ProjectionRebuildStatus> change)
        {
            lock (_lock)
            {
                _projections[name] = change(_projections[name]);
            }
        }
    }
}

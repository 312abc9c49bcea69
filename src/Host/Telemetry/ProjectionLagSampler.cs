using System.Diagnostics.Metrics;
using NavusoftSync.BuildingBlocks.Marten;
using Npgsql;

namespace NavusoftSync.Host.Telemetry;

/// <summary>
/// Samples <see cref="ProjectionLag"/> every <c>Telemetry:ProjectionLag:SampleSeconds</c> and publishes the last sample
/// as the observable gauges <c>navusoftsync.projection.lag.events</c> and <c>navusoftsync.projection.lag.seconds</c>
/// (tag <c>shard</c>; meter <c>NavusoftSync.Projections</c>). A scrape reads the sample, never the database. A failed read
/// (the database away, the schema not yet created) keeps the previous sample and is logged.
/// </summary>
internal sealed partial class ProjectionLagSampler : BackgroundService
{
    public const string MeterName = "NavusoftSync.Projections";

    private readonly string _connectionString;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly ILogger<ProjectionLagSampler> _logger;
    private volatile IReadOnlyList<ShardLag> _latest = [];

    public ProjectionLagSampler(IConfiguration configuration, TelemetrySettings settings, IMeterFactory meters, TimeProvider clock, ILogger<ProjectionLagSampler> logger)
    {
        _connectionString = configuration.GetConnectionString("Postgres") ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");
        _interval = settings.ProjectionLagInterval;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("navusoftsync.projection.lag.events", () => _latest.Select(l => new Measurement<long>(l.Events, Shard(l))), "{event}", "Events appended that a projection shard has not processed");
        meter.CreateObservableGauge("navusoftsync.projection.lag.seconds", () => _latest.Select(l => new Measurement<double>(l.Seconds, Shard(l))), "s", "Age of the oldest event a projection shard has not processed");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _clock);
        do
        {
            await SampleAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            _latest = await ProjectionLag.ReadAsync(connection, MartenSetup.EventsSchema, cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            LogSampleFailed(_logger, exception);
        }
    }

    private static KeyValuePair<string, object?> Shard(ShardLag lag) => new("shard", lag.Shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the projection lag failed; the gauges keep the previous sample")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}

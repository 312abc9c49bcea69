namespace NavusoftSync.Synchronization.IntegrationTests.Telemetry;

/// <summary>
/// The run instruments and the run span's source are process-wide (static, like every <c>ActivitySource</c>): the telemetry
/// tests run alone, after the parallel ones, so a counter's increase is this test's runs and nobody else's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

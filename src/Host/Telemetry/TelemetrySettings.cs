namespace NavusoftSync.Host.Telemetry;

/// <summary>
/// <c>Telemetry:*</c>: which exporters run (README "Metrics and traces", ADR 0026). <c>Prometheus:Enabled</c> maps the
/// scrape endpoint <c>/metrics</c>, guarded by <c>Prometheus:ScrapeToken</c> (a bearer token) when set;
/// <c>Otlp:Endpoint</c> pushes metrics and traces over OTLP (<c>Otlp:Protocol</c> <c>grpc</c> or <c>http/protobuf</c>);
/// traces are collected when OTLP is configured or <c>Traces:Enabled</c> is true; <c>ProjectionLag:SampleSeconds</c> is
/// how often the projection lag is read.
/// </summary>
internal sealed record TelemetrySettings(
    bool PrometheusEnabled, string? ScrapeToken, Uri? OtlpEndpoint, string OtlpProtocol, bool TracesEnabled, TimeSpan ProjectionLagInterval)
{
    public const string PrometheusEnabledKey = "Telemetry:Prometheus:Enabled";
    public const string ScrapeTokenKey = "Telemetry:Prometheus:ScrapeToken";
    public const string OtlpEndpointKey = "Telemetry:Otlp:Endpoint";

    /// <summary>The shortest scrape token outside Development (a random 32-character string is the advice).</summary>
    public const int MinimumScrapeTokenLength = 16;

    public static TelemetrySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var token = configuration[ScrapeTokenKey];
        var endpoint = configuration[OtlpEndpointKey];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out otlp))
        {
            throw new InvalidOperationException($"{OtlpEndpointKey} must be an absolute URL (http://collector:4317), not '{endpoint}'.");
        }

        var seconds = Math.Clamp(configuration.GetValue("Telemetry:ProjectionLag:SampleSeconds", 10.0), 0.2, 3600);
        return new TelemetrySettings(
            configuration.GetValue(PrometheusEnabledKey, false),
            string.IsNullOrWhiteSpace(token) ? null : token,
            otlp,
            configuration["Telemetry:Otlp:Protocol"] ?? "grpc",
            configuration.GetValue("Telemetry:Traces:Enabled", otlp is not null),
            TimeSpan.FromSeconds(seconds));
    }
}

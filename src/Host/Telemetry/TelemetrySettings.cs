using OpenTelemetry.Exporter;

namespace NavusoftSync.Host.Telemetry;

/// <summary>
/// <c>Telemetry:*</c>: which exporters run (README "Metrics and traces", ADR 0026). <c>Prometheus:Enabled</c> maps the
/// scrape endpoint <c>/metrics</c>, guarded by <c>Prometheus:ScrapeToken</c> (a bearer token) when set;
/// <c>Otlp:Endpoint</c> pushes metrics and traces over OTLP (<c>Otlp:Protocol</c> <c>grpc</c> or <c>http/protobuf</c>; with
/// <c>http/protobuf</c> the endpoint is the collector's base URL, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, and each signal is
/// sent to its path under it: <c>v1/metrics</c>, <c>v1/traces</c>);
/// traces are collected when OTLP is configured or <c>Traces:Enabled</c> is true; <c>ProjectionLag:SampleSeconds</c> is
/// how often the projection lag is read. A value the host cannot use stops it at start, with the key in the message.
/// </summary>
internal sealed record TelemetrySettings(
    bool PrometheusEnabled, string? ScrapeToken, Uri? OtlpEndpoint, OtlpExportProtocol OtlpProtocol, bool TracesEnabled, TimeSpan ProjectionLagInterval)
{
    public const string PrometheusEnabledKey = "Telemetry:Prometheus:Enabled";
    public const string ScrapeTokenKey = "Telemetry:Prometheus:ScrapeToken";
    public const string OtlpEndpointKey = "Telemetry:Otlp:Endpoint";
    public const string OtlpProtocolKey = "Telemetry:Otlp:Protocol";

    /// <summary>The shortest scrape token outside Development (a random 32-character string is the advice).</summary>
    public const int MinimumScrapeTokenLength = 16;

    public static TelemetrySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var token = configuration[ScrapeTokenKey];
        var endpoint = configuration[OtlpEndpointKey];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint)
            && (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(otlp.Query) || !string.IsNullOrEmpty(otlp.Fragment)))
        {
            throw new InvalidOperationException($"{OtlpEndpointKey} must be an absolute http or https URL without a query (http://collector:4317), not '{endpoint}'.");
        }

        var protocol = configuration[OtlpProtocolKey]?.Trim() switch
        {
            null or "" => OtlpExportProtocol.Grpc,
            var p when p.Equals("grpc", StringComparison.OrdinalIgnoreCase) => OtlpExportProtocol.Grpc,
            var p when p.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase) => OtlpExportProtocol.HttpProtobuf,
            var p => throw new InvalidOperationException($"{OtlpProtocolKey} must be grpc or http/protobuf, not '{p}'."),
        };

        var seconds = Math.Clamp(configuration.GetValue("Telemetry:ProjectionLag:SampleSeconds", 10.0), 0.2, 3600);
        return new TelemetrySettings(
            configuration.GetValue(PrometheusEnabledKey, false),
            string.IsNullOrWhiteSpace(token) ? null : token,
            otlp,
            protocol,
            configuration.GetValue("Telemetry:Traces:Enabled", otlp is not null),
            TimeSpan.FromSeconds(seconds));
    }
}

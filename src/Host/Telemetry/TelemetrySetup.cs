using Npgsql;
using NavusoftSync.BuildingBlocks.Audit;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NavusoftSync.Host.Telemetry;

/// <summary>
/// OpenTelemetry in the host (ADR 0026): metrics from every <c>NavusoftSync.*</c> meter, ASP.NET Core (request duration by
/// route), HttpClient (every provider call) and the runtime; traces from every <c>NavusoftSync.*</c> source, ASP.NET Core,
/// HttpClient and Npgsql. Exported by <c>/metrics</c> (Prometheus pull) and/or OTLP, as <see cref="TelemetrySettings"/> says.
/// </summary>
internal static class TelemetrySetup
{
    public const string ServiceName = "navusoftsync";
    public const string ScrapePath = "/metrics";
    private const string OwnSources = "NavusoftSync.*";

    public static IServiceCollection AddNavusoftTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TelemetrySettings.From(configuration);
        services.AddSingleton(settings);
        services.AddHostedService<ProjectionLagSampler>();
        var node = HostNode.From(configuration["Host:NodeName"]).Value;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: node))
            .WithMetrics(metrics => Metrics(metrics, settings));
        if (settings.TracesEnabled)
        {
            telemetry.WithTracing(traces => Traces(traces, settings));
        }

        return services;
    }

    /// <summary>
    /// <c>/metrics</c> when <c>Telemetry:Prometheus:Enabled</c> (else the route does not exist: 404): outside the user
    /// JWT auth (the scrape token guards it, <see cref="ScrapeTokenGate"/>), not traced and not counted as a request.
    /// </summary>
    public static void MapNavusoftMetrics(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<TelemetrySettings>();
        if (!settings.PrometheusEnabled)
        {
            return;
        }

        var gate = new ScrapeTokenGate(settings.ScrapeToken);
        app.MapPrometheusScrapingEndpoint(ScrapePath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(next => context => gate.InvokeAsync(context, next)), optionsName: null)
            .AllowAnonymous()
            .DisableHttpMetrics();
    }

    private static void Metrics(MeterProviderBuilder metrics, TelemetrySettings settings)
    {
        metrics.AddMeter(OwnSources)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation();
        if (settings.PrometheusEnabled)
        {
            metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
        }

        if (settings.OtlpEndpoint is { } endpoint)
        {
            metrics.AddOtlpExporter(o => Otlp(o, endpoint, settings.OtlpProtocol, "v1/metrics"));
        }
    }

    private static void Traces(TracerProviderBuilder traces, TelemetrySettings settings)
    {
        traces.AddSource(OwnSources)
            .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsPlumbing(context.Request.Path))
            .AddHttpClientInstrumentation()
            .AddNpgsql()
            .AddProcessor(new UnparentedDatabaseSpans());
        if (settings.OtlpEndpoint is { } endpoint)
        {
            traces.AddOtlpExporter(o => Otlp(o, endpoint, settings.OtlpProtocol, "v1/traces"));
        }
    }

    /// <summary>
    /// The exporter's endpoint: over gRPC the collector's address as given; over HTTP the signal's path under the given base
    /// (an endpoint set in code is used as is: the exporter appends <c>v1/…</c> only to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
    /// </summary>
    internal static void Otlp(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? SignalUrl(endpoint, signalPath) : endpoint;
    }

    /// <summary><paramref name="signalPath"/> under the base's path: <c>http://c:4318</c> and <c>http://c:4318/otlp/</c> give <c>…/v1/traces</c> and <c>…/otlp/v1/traces</c>.</summary>
    internal static Uri SignalUrl(Uri baseUrl, string signalPath) =>
        new UriBuilder(baseUrl) { Path = baseUrl.AbsolutePath.TrimEnd('/') + "/" + signalPath }.Uri;

    /// <summary>Scrapes and health probes: every few seconds from machines, not what a trace is for.</summary>
    private static bool IsPlumbing(PathString path) => path.StartsWithSegments(ScrapePath) || path.StartsWithSegments("/health");
}

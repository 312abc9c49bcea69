using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Host.Telemetry;
using NavusoftSync.Testing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NavusoftSync.Host.IntegrationTests;

/// <summary>
/// OTLP export: over <c>http/protobuf</c> the configured endpoint is the collector's base and each signal goes to its path
/// under it (a real collector stand-in on Kestrel receives them); a protocol or endpoint the host cannot use stops it at start.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Over_http_metrics_and_traces_reach_their_paths_under_the_configured_base()
    {
        await using var collector = await Collector.StartAsync();
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using (var app = new NavusoftApp(connectionString, new Dictionary<string, string?>
            {
                [TelemetrySettings.OtlpEndpointKey] = collector.BaseUrl + "/otlp/",
                [TelemetrySettings.OtlpProtocolKey] = "http/protobuf",
                ["Marten:DaemonMode"] = "Disabled",
            }))
            {
                using var client = app.CreateClient();
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me/links")).StatusCode); // a request: a measurement

                // A span of our own sources, a root one: the request's span may have an unsampled parent from another
                // host's provider in this test process.
                Activity.Current = null;
                using var source = new ActivitySource("NavusoftSync.OtlpExportTests");
                using (var probe = source.StartActivity("probe"))
                {
                    Assert.NotNull(probe);
                }

                // Each flush returns once its export is answered (stopping the host flushes too, but within a shutdown
                // timeout a loaded machine can exceed).
                Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(20_000), "The traces were not exported.");
                Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(20_000), "The metrics were not exported.");
            }

            Assert.Contains(collector.Received, r => r is { Path: "/otlp/v1/traces", ContentType: "application/x-protobuf" });
            Assert.Contains(collector.Received, r => r is { Path: "/otlp/v1/metrics", ContentType: "application/x-protobuf" });
            Assert.DoesNotContain(collector.Received, r => r.Path is "/otlp" or "/otlp/");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/", "http://collector:4318/v1/traces")]
    [InlineData("https://collector.example/otlp", "https://collector.example/otlp/v1/traces")]
    [InlineData("https://collector.example/otlp/", "https://collector.example/otlp/v1/traces")]
    public void Over_http_the_signal_path_goes_under_the_base(string endpoint, string traces)
    {
        var options = new OtlpExporterOptions();
        TelemetrySetup.Otlp(options, new Uri(endpoint), OtlpExportProtocol.HttpProtobuf, "v1/traces");
        Assert.Equal(new Uri(traces), options.Endpoint);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, options.Protocol);
    }

    [Fact]
    public void Over_grpc_the_endpoint_is_taken_as_given()
    {
        var options = new OtlpExporterOptions();
        TelemetrySetup.Otlp(options, new Uri("http://collector:4317"), OtlpExportProtocol.Grpc, "v1/traces");
        Assert.Equal(new Uri("http://collector:4317"), options.Endpoint);
        Assert.Equal(OtlpExportProtocol.Grpc, options.Protocol);
    }

    [Theory]
    [InlineData(null, OtlpExportProtocol.Grpc)]
    [InlineData("grpc", OtlpExportProtocol.Grpc)]
    [InlineData("HTTP/PROTOBUF", OtlpExportProtocol.HttpProtobuf)]
    [InlineData(" http/protobuf ", OtlpExportProtocol.HttpProtobuf)]
    public void The_protocol_is_read(string? protocol, OtlpExportProtocol expected)
    {
        var settings = TelemetrySettings.From(Configuration(("Telemetry:Otlp:Endpoint", "http://collector:4317"), ("Telemetry:Otlp:Protocol", protocol)));
        Assert.Equal(expected, settings.OtlpProtocol);
    }

    [Theory]
    [InlineData("Telemetry:Otlp:Protocol", "http/json")]
    [InlineData("Telemetry:Otlp:Protocol", "udp")]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317")]
    [InlineData("Telemetry:Otlp:Endpoint", "ftp://collector:4317")]
    [InlineData("Telemetry:Otlp:Endpoint", "/v1/traces")]
    [InlineData("Telemetry:Otlp:Endpoint", "http://collector:4318/?token=x")]
    public void A_value_the_exporter_cannot_use_is_refused_with_its_key(string key, string value)
    {
        var configuration = Configuration(("Telemetry:Otlp:Endpoint", "http://collector:4317"), (key, value));
        var refused = Assert.Throws<InvalidOperationException>(() => TelemetrySettings.From(configuration));
        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_an_unknown_protocol_does_not_start()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var app = new NavusoftApp(connectionString, new Dictionary<string, string?>
            {
                [TelemetrySettings.OtlpEndpointKey] = "http://127.0.0.1:9",
                [TelemetrySettings.OtlpProtocolKey] = "http/json",
            });
            var refused = Assert.ThrowsAny<Exception>(() => app.Services);
            Assert.Contains(TelemetrySettings.OtlpProtocolKey, refused.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>The given keys, a later value of a key replacing an earlier one.</summary>
    private static IConfiguration Configuration(params (string Key, string? Value)[] values)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (key, value) in values)
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>A collector stand-in on Kestrel: answers every POST 200 and records its path and content type.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Collector(WebApplication app, string baseUrl)
        {
            _app = app;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public ConcurrentQueue<(string Path, string? ContentType)> Received { get; } = new();

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            Collector? self = null;
            app.Run(async context =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                self!.Received.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.ContentType));
                context.Response.StatusCode = StatusCodes.Status200OK;
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            self = new Collector(app, address.TrimEnd('/'));
            return self;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}

using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

/// <summary>
/// A real HTTP endpoint on a free loopback port that plays a subscriber: it records every request the sandbox sends and
/// answers the Graph validation handshake as <see cref="Validation"/> says and every other call 202 (or as
/// <see cref="AnswerNextWith"/> says).
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedRequest> _arrivals = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly List<ReceivedRequest> _received = [];
    private readonly Lock _gate = new();

    private NotificationReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public ValidationAnswer Validation { get; set; } = ValidationAnswer.Echo;

    private Queue<int> NextStatuses { get; } = new();

    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<NotificationReceiver> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRouting();
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync(ct);
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return receiver;
    }

    public string Url(string path) => BaseUrl + path;

    /// <summary>Answers the next notifications (not validation requests) with these statuses, in order; 202 once used up.</summary>
    public void AnswerNextWith(params int[] statuses)
    {
        lock (_gate)
        {
            foreach (var status in statuses)
            {
                NextStatuses.Enqueue(status);
            }
        }
    }

    /// <summary>Waits for the next request (in arrival order) that <paramref name="matches"/>, skipping others.</summary>
    public async Task<ReceivedRequest> NextAsync(Func<ReceivedRequest, bool> matches, CancellationToken ct)
    {
        while (true)
        {
            var request = await _arrivals.Reader.ReadAsync(ct);
            if (matches(request))
            {
                return request;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var request = new ReceivedRequest(
            http.Request.Method,
            http.Request.Path.Value ?? string.Empty,
            http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync(http.RequestAborted));
        lock (_gate)
        {
            _received.Add(request);
        }

        await _arrivals.Writer.WriteAsync(request, http.RequestAborted);
        if (request.Query.TryGetValue("validationToken", out var token))
        {
            await AnswerValidationAsync(http, token);
            return;
        }

        lock (_gate)
        {
            http.Response.StatusCode = NextStatuses.TryDequeue(out var status) ? status : StatusCodes.Status202Accepted;
        }
    }

    private async Task AnswerValidationAsync(HttpContext http, string token)
    {
        http.Response.ContentType = "text/plain";
        switch (Validation)
        {
            case ValidationAnswer.Echo:
                await http.Response.WriteAsync(token, http.RequestAborted);
                break;
            case ValidationAnswer.WrongToken:
                await http.Response.WriteAsync("not-the-token", http.RequestAborted);
                break;
            case ValidationAnswer.JsonContentType:
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(token, http.RequestAborted);
                break;
            default:
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
        }
    }
}

public enum ValidationAnswer
{
    Echo,
    WrongToken,
    JsonContentType,
    ServerError,
}

internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

using Microsoft.AspNetCore.Http.Features;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;

namespace NavusoftSync.Tools.ProviderSandbox.Hosting;

/// <summary>
/// Runs a request through the sandbox's own middleware pipeline without a socket (for Graph <c>$batch</c>): same routing,
/// authentication, faults and request log as a request from outside.
/// </summary>
internal sealed class InProcessDispatcher(IServiceScopeFactory scopes)
{
    private RequestDelegate? _pipeline;

    /// <summary>Installed by the first middleware of the app, which captures everything after it.</summary>
    public void Attach(RequestDelegate pipeline) => _pipeline = pipeline;

    public async Task<DispatchedResponse> SendAsync(
        HttpContext parent, string method, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers, byte[]? body, CancellationToken cancellationToken)
    {
        var pipeline = _pipeline ?? throw new InvalidOperationException("The sandbox pipeline is not attached.");
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var request = new HttpRequestFeature
        {
            Method = method,
            Scheme = parent.Request.Scheme,
            Protocol = parent.Request.Protocol,
            PathBase = parent.Request.PathBase,
            Path = PathString.FromUriComponent(queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart]),
            QueryString = queryStart < 0 ? string.Empty : pathAndQuery[queryStart..],
            Body = body is null ? Stream.Null : new MemoryStream(body),
        };
        request.Headers.Host = parent.Request.Host.Value;
        request.Headers.Authorization = parent.Request.Headers.Authorization;
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        if (body is not null)
        {
            request.Headers.ContentLength = body.Length;
        }

        using var responseBody = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        await using var scope = scopes.CreateAsyncScope();
        var context = new DefaultHttpContext(features) { RequestServices = scope.ServiceProvider };
        context.MarkInBatch();
        try
        {
            await pipeline(context);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        return new DispatchedResponse(
            context.Response.StatusCode,
            context.Response.Headers
                .Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            responseBody.ToArray());
    }
}

internal sealed record DispatchedResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public bool IsJson => Headers.TryGetValue("Content-Type", out var type) && type.Contains("json", StringComparison.OrdinalIgnoreCase);
}

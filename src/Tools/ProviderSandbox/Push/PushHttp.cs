using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>
/// The sandbox's outbound HTTP: <see cref="SandboxOptions.PushHandler"/> is read at each send (a test may set it after
/// start), else one shared <see cref="SocketsHttpHandler"/>. The handler a test supplies is never disposed here.
/// </summary>
internal sealed class PushHttp(SandboxOptions options) : IDisposable
{
    private readonly Lazy<HttpMessageInvoker> _sockets = new(() => new HttpMessageInvoker(
        new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false }));

    /// <summary>Sends the request and reads the answer; throws on a transport failure or after <paramref name="timeout"/>.</summary>
    public async Task<PushResponse> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var custom = options.PushHandler;
        var invoker = custom is null ? _sockets.Value : new HttpMessageInvoker(custom(), disposeHandler: false);
        try
        {
            using var response = await invoker.SendAsync(request, deadline.Token);
            return new PushResponse(
                (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"No answer within {timeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            if (custom is not null)
            {
                invoker.Dispose();
            }
        }
    }

    public void Dispose()
    {
        if (_sockets.IsValueCreated)
        {
            _sockets.Value.Dispose();
        }
    }
}

/// <summary>A subscriber's answer: status, media type (without parameters) and text.</summary>
internal sealed record PushResponse(int Status, string? MediaType, string Body);

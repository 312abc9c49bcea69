using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Push.Webhooks;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// Google's OIDC signing keys (the JWKS at <c>Providers:Google:PubSubCertsUrl</c>), cached. They are fetched again when
/// older than <see cref="RefreshEvery"/> (Google publishes a new key well before it signs with it, and keeps the old one
/// listed while its tokens live), and when a token names a key id the cache does not hold (a rotation the periodic fetch
/// has not seen yet) — at most once per <see cref="MinFetchGap"/>, so tokens with made-up key ids cannot make the host
/// hammer the URL. A failed fetch keeps the keys already held and is not tried again within <see cref="MinFetchGap"/>.
/// </summary>
internal sealed partial class PubSubSigningKeys(IHttpClientFactory http, IOptions<PushOptions> options, TimeProvider clock, ILogger<PubSubSigningKeys> logger) : IDisposable
{
    public const string HttpClientName = "NavusoftSync.Synchronization.PubSubCerts";

    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(1);

    public static readonly TimeSpan MinFetchGap = TimeSpan.FromMinutes(1);

    /// <summary>Google's JWKS is about 2 KB; a larger answer is not a key set.</summary>
    private const int MaxBytes = 64 * 1024;

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile KeySet? _current;
    private DateTimeOffset? _lastUnknownKeyFetch;
    private DateTimeOffset? _lastFailure;

    /// <summary>
    /// The keys to check a token naming <paramref name="keyId"/> against (fetched first when needed and allowed); null
    /// while no key set could be fetched at all.
    /// </summary>
    public async Task<IReadOnlyList<SecurityKey>?> GetAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (_current is { } current && current.Serves(keyId, clock.GetUtcNow()))
        {
            return current.Keys;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_current is { } refreshed && refreshed.Serves(keyId, now))
            {
                return refreshed.Keys; // another request fetched them meanwhile
            }

            if (MayFetch(now))
            {
                var fetched = await FetchAsync(now, cancellationToken);
                _lastFailure = fetched is null ? now : null;
                _current = fetched ?? _current;
            }

            return _current?.Keys;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    /// <summary>
    /// A missing or old key set is fetched unless the last try failed within the gap; a fresh one that lacks the token's key
    /// id only when no unknown key id made the host fetch within the gap (this call's fetch counts as one).
    /// </summary>
    private bool MayFetch(DateTimeOffset now)
    {
        if (_current is null || now - _current.FetchedAt >= RefreshEvery)
        {
            return !(now - _lastFailure < MinFetchGap);
        }

        if (now - _lastUnknownKeyFetch < MinFetchGap)
        {
            return false;
        }

        _lastUnknownKeyFetch = now;
        return true;
    }

    private async Task<KeySet?> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var url = options.Value.PubSubCertsUrl;
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchFailed(logger, url, $"status {(int)response.StatusCode}");
                return null;
            }

            var json = await Push.Webhooks.BoundedBody.ReadStringAsync(response.Content, MaxBytes, cancellationToken);
            var keys = json is null ? [] : new JsonWebKeySet(json).GetSigningKeys();
            if (keys.Count == 0)
            {
                LogFetchFailed(logger, url, "no signing key");
                return null;
            }

            LogFetched(logger, keys.Count);
            return new KeySet([.. keys], keys.Select(k => k.KeyId).OfType<string>().ToHashSet(StringComparer.Ordinal), now);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(logger, url, e.GetType().Name);
            return null;
        }
    }

    private sealed record KeySet(IReadOnlyList<SecurityKey> Keys, IReadOnlySet<string> KeyIds, DateTimeOffset FetchedAt)
    {
        /// <summary>Fresh, and holding the named key (a token naming none is checked against all of them).</summary>
        public bool Serves(string? keyId, DateTimeOffset now) => now - FetchedAt < RefreshEvery && (keyId is null || KeyIds.Contains(keyId));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Count} Pub/Sub OIDC signing keys")]
    private static partial void LogFetched(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Pub/Sub OIDC signing keys could not be fetched from {Url}: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string url, string reason);
}

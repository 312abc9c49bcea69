using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>The system clock moved forward by <see cref="Offset"/>: the host's clock in push tests (only ever ahead, never frozen).</summary>
internal sealed class GoogleShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

internal sealed class GoogleRequestCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>Counts the requests that pass through it (the host's fetches of Google's signing keys).</summary>
internal sealed class GoogleCountingHandler(GoogleRequestCounter counter) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Add();
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>One request the sandbox sent the host, and the status the host answered.</summary>
internal sealed record GoogleDelivery(string Path, string? Authorization, string Body, int Status);

internal sealed class GoogleDeliveries
{
    private readonly ConcurrentQueue<GoogleDelivery> _all = new();

    public IReadOnlyList<GoogleDelivery> All => [.. _all];

    public IReadOnlyList<GoogleDelivery> To(string path) => [.. _all.Where(d => d.Path == path)];

    public void Add(GoogleDelivery delivery) => _all.Enqueue(delivery);
}

/// <summary>Passes the sandbox's notifications on to the host unchanged, recording each with the host's answer.</summary>
internal sealed class GoogleRecordingHandler(GoogleDeliveries deliveries) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        var authorization = request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : null;
        deliveries.Add(new GoogleDelivery(request.RequestUri!.AbsolutePath, authorization, body, (int)response.StatusCode));
        return response;
    }
}

/// <summary>The host's push counter's measurements, by outcome.</summary>
internal sealed class GoogleOutcomeCounts
{
    private readonly ConcurrentDictionary<string, long> _byOutcome = new(StringComparer.Ordinal);

    private IReadOnlyDictionary<string, long> _mark = new Dictionary<string, long>();

    public long this[string outcome] => _byOutcome.GetValueOrDefault(outcome);

    /// <summary>Counted since the last <see cref="Mark"/>.</summary>
    public long Since(string outcome) => this[outcome] - _mark.GetValueOrDefault(outcome);

    /// <summary>From now on <see cref="Since"/> counts from here (what setting the world up counted is left out).</summary>
    public void Mark() => _mark = new Dictionary<string, long>(_byOutcome);

    public void Add(ReadOnlySpan<KeyValuePair<string, object?>> tags, long value)
    {
        string? provider = null, outcome = null;
        foreach (var tag in tags)
        {
            provider = tag.Key == "provider" ? tag.Value as string : provider;
            outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
        }

        if (provider == "google" && outcome is not null)
        {
            _byOutcome.AddOrUpdate(outcome, value, (_, sum) => sum + value);
        }
    }
}

/// <summary>Tokens Google did not sign: unsigned (<c>alg: none</c>), or RS256 with a key of the test's own.</summary>
internal static class GoogleForgedTokens
{
    public static Dictionary<string, object> Claims(string audience, string email, DateTimeOffset now) => new()
    {
        ["iss"] = "https://accounts.google.com",
        ["aud"] = audience,
        ["email"] = email,
        ["email_verified"] = true,
        ["sub"] = "100000000000000000001",
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
    };

    public static string Unsigned(Dictionary<string, object> claims) =>
        Part(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" }) + "." + Part(claims) + ".";

    public static string SignedWithOwnKey(Dictionary<string, object> claims, string kid)
    {
        using var key = RSA.Create(2048);
        var unsigned = Part(new Dictionary<string, object> { ["alg"] = "RS256", ["kid"] = kid, ["typ"] = "JWT" }) + "." + Part(claims);
        return unsigned + "." + Base64Url(key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>The kid named in a JWT's header.</summary>
    public static string KidOf(string token) =>
        JsonDocument.Parse(Convert.FromBase64String(Pad(token.Split('.')[0].Replace('-', '+').Replace('_', '/')))).RootElement.GetProperty("kid").GetString()!;

    private static string Part(Dictionary<string, object> json) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(json));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string text) => text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
}

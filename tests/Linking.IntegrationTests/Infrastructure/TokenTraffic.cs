using System.Collections.Concurrent;
using System.Text.Json;

namespace NavusoftSync.Linking.IntegrationTests.Infrastructure;

/// <summary>
/// Every token the providers handed to the host (access, refresh and id tokens of every token
/// endpoint answer), seen on the wire by a handler in front of all of the host's outgoing HTTP
/// calls: the values that must never show up in the database, the logs or an API answer.
/// </summary>
public sealed class TokenTraffic
{
    private readonly ConcurrentQueue<(string Kind, string Value)> _tokens = new();

    public IReadOnlyList<string> All => [.. _tokens.Select(t => t.Value).Distinct()];

    public IReadOnlyList<string> Of(string kind) => [.. _tokens.Where(t => t.Kind == kind).Select(t => t.Value)];

    internal void Record(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var kind in new[] { "access_token", "refresh_token", "id_token" })
            {
                if (document.RootElement.TryGetProperty(kind, out var value) && value.GetString() is { Length: > 0 } token)
                {
                    _tokens.Enqueue((kind, token));
                }
            }
        }
        catch (JsonException)
        {
        }
    }
}

/// <summary>Reads (and buffers) each answer of the host's outgoing calls into <see cref="TokenTraffic"/>.</summary>
public sealed class TokenRecordingHandler(TokenTraffic traffic) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        traffic.Record(await response.Content.ReadAsStringAsync(cancellationToken));
        return response;
    }
}

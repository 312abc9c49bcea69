using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// Message bodies as text, with their threading headers and bulk mark (<c>internetMessageHeaders</c>), through JSON <c>$batch</c> (20 requests per batch, one batch at a time). Items the batch answered
/// 429/5xx are sent again after their <c>Retry-After</c> (or a backoff); 404s are simply absent.
/// </summary>
internal static class GraphBodies
{
    public const int MaxBatchSize = 20;

    public static async Task<IReadOnlyDictionary<string, MessageContent>> ReadAsync(
        GraphSession session, IReadOnlyCollection<string> providerIds, ProviderReadingOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var bodies = new Dictionary<string, MessageContent>(StringComparer.Ordinal);
        foreach (var chunk in providerIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).Chunk(MaxBatchSize))
        {
            IReadOnlyList<string> pending = chunk;
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                var (retry, retryAfter) = await SendAsync(session, pending, bodies, clock, cancellationToken);
                if (retry.Count > 0)
                {
                    var delay = retryAfter ?? RetryDelays.Backoff(options, attempt);
                    if (attempt >= options.MaxAttempts || delay > options.RetryMaxDelay)
                    {
                        throw new ProviderUnavailableException($"Graph kept refusing {retry.Count} body requests of a $batch.");
                    }

                    await Task.Delay(delay, clock, cancellationToken);
                }

                pending = retry;
            }
        }

        return bodies;
    }

    /// <summary>Sends one batch for <paramref name="ids"/>, keeps the bodies it answered, and returns the ids to send again with the longest wait asked.</summary>
    private static async Task<(List<string> Retry, TimeSpan? RetryAfter)> SendAsync(
        GraphSession session, IReadOnlyList<string> ids, Dictionary<string, MessageContent> bodies, TimeProvider clock, CancellationToken cancellationToken)
    {
        var client = session.Client;
        var (batch, steps) = await BatchOfAsync(client, ids);
        var response = await GraphCalls.SendAsync(c => client.Batch.PostAsync(batch, c), "a $batch of message bodies", cancellationToken);
        var retry = new List<string>();
        TimeSpan? retryAfter = null;
        foreach (var (step, status) in await response.GetResponsesStatusCodesAsync())
        {
            if (!steps.TryGetValue(step, out var id))
            {
                continue;
            }

            if (status == HttpStatusCode.OK)
            {
                await KeepBodyAsync(response, step, id, bodies);
            }
            else if (status is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
            {
                retry.Add(id);
                retryAfter = Longer(retryAfter, await RetryAfterAsync(response, step, clock));
            }
        }

        return (retry, retryAfter);
    }

    /// <summary>One GET per message (text body, the headers for threading and the bulk mark, immutable ids), and which message each batch step asks for.</summary>
    private static async Task<(BatchRequestContentCollection Batch, Dictionary<string, string> Steps)> BatchOfAsync(GraphServiceClient client, IReadOnlyList<string> ids)
    {
        var batch = new BatchRequestContentCollection(client, MaxBatchSize);
        var steps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var request = client.Me.Messages[id].ToGetRequestInformation(r =>
            {
                r.QueryParameters.Select = ["body", "internetMessageHeaders"];
                r.Headers.Add("Prefer", "outlook.body-content-type=\"text\"");
                r.Headers.Add("Prefer", GraphPreferHandler.ImmutableId);
            });
            steps[await batch.AddBatchRequestStepAsync(request)] = id;
        }

        return (batch, steps);
    }

    private static async Task KeepBodyAsync(BatchResponseContentCollection response, string step, string id, Dictionary<string, MessageContent> bodies)
    {
        var message = await response.GetResponseByIdAsync<Message>(step);
        if (message is not null)
        {
            bodies[id] = Content(message);
        }
    }

    /// <summary>The wait a refused step asks for in its <c>Retry-After</c>, if any.</summary>
    private static async Task<TimeSpan?> RetryAfterAsync(BatchResponseContentCollection response, string step, TimeProvider clock)
    {
        using var failed = await response.GetResponseByIdAsync(step);
        return RetryDelays.RetryAfter(failed.Headers, clock.GetUtcNow());
    }

    private static TimeSpan? Longer(TimeSpan? current, TimeSpan? wait) =>
        wait is { } asked && asked > (current ?? TimeSpan.Zero) ? asked : current;

    /// <summary>
    /// The body, the threading headers Graph's listing does not carry (only a single message's $select returns them), and
    /// whether the headers mark the message as bulk mail. A header without a name is passed over; an absent list is none.
    /// </summary>
    private static MessageContent Content(Message message)
    {
        var headers = (message.InternetMessageHeaders ?? [])
            .Where(h => h?.Name is not null)
            .Select(h => new KeyValuePair<string, string>(h.Name!, h.Value ?? string.Empty))
            .ToList();
        string? Header(string name) => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        var references = Header("References")?.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries) ?? [];
        var body = Text(message.Body);
        return new MessageContent(body.Text, references, Header("In-Reply-To")?.Trim(), body.Truncated, Privacy.BulkMail.IsBulk(headers));
    }

    /// <summary>The body as bounded text (Graph answers HTML when it ignores the text preference).</summary>
    private static BoundedText Text(ItemBody? body) =>
        body?.Content is null ? BoundedText.None : body.ContentType == BodyType.Html ? HtmlText.ToText(body.Content) : TextLimits.Body(body.Content);
}

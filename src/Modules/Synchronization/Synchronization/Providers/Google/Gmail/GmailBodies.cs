using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>
/// Bodies of the requested messages only: <c>messages.get format=full</c>, text/plain (else HTML stripped), and the bulk
/// mark of the full payload's headers (<see cref="Privacy.BulkMail.IsBulk"/>).
/// </summary>
internal static class GmailBodies
{
    public static async Task<IReadOnlyDictionary<string, MessageContent>> ReadAsync(
        GmailClient gmail, IReadOnlyCollection<string> providerIds, ProviderReadingOptions options, CancellationToken cancellationToken)
    {
        var ids = providerIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        var bodies = new Dictionary<string, MessageContent>(StringComparer.Ordinal);
        foreach (var (id, message, _) in await GmailMessageReads.GetAsync(gmail, ids, new MessagesGetRequest { Format = "full" }, options.GoogleConcurrentRequestsPerMailbox, cancellationToken))
        {
            if (message is not null && ContentOf(message) is { } content)
            {
                bodies[id] = content; // threading headers came with the metadata listing
            }
        }

        return bodies;
    }

    /// <summary>The body as text and the bulk mark of the message's headers; null when it has neither a readable body nor a bulk mark.</summary>
    public static MessageContent? ContentOf(Message message)
    {
        var bulk = Privacy.BulkMail.IsBulk(
            (message.Payload?.Headers ?? []).Where(h => h?.Name is not null).Select(h => new KeyValuePair<string, string>(h.Name!, h.Value ?? string.Empty)));
        return Text(message) is { Text: not null } text ? MessageContent.Body(text) with { Bulk = bulk }
            : bulk ? new MessageContent(null, [], null, Bulk: true)
            : null;
    }

    private static BoundedText? Text(Message message)
    {
        try
        {
            return GmailBodyText.Of(message.Payload);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

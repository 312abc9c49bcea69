using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>Bodies of the requested messages only: <c>messages.get format=full</c>, text/plain (else HTML stripped).</summary>
internal static class GmailBodies
{
    public static async Task<IReadOnlyDictionary<string, MessageContent>> ReadAsync(
        GmailClient gmail, IReadOnlyCollection<string> providerIds, ProviderReadingOptions options, CancellationToken cancellationToken)
    {
        var ids = providerIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        var bodies = new Dictionary<string, MessageContent>(StringComparer.Ordinal);
        foreach (var (id, message, _) in await GmailMessageReads.GetAsync(gmail, ids, new MessagesGetRequest { Format = "full" }, options.MaxConcurrentRequestsPerMailbox, cancellationToken))
        {
            if (message is not null && Text(message) is { Text: not null } text)
            {
                bodies[id] = MessageContent.Body(text); // threading headers came with the metadata listing
            }
        }

        return bodies;
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

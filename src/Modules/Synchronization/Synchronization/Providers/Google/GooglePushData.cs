namespace NavusoftSync.Synchronization.Providers.Google;

// The push resources we send and read, named as in Google.Apis.Gmail.v1.Data and Google.Apis.Calendar.v3.Data
// (int64 values such as expiration and historyId are strings on the wire; nulls are left out of request bodies).

/// <summary>A Gmail <c>users.watch</c> request: the Pub/Sub topic, and which labels' changes are published.</summary>
internal sealed record WatchRequest(string TopicName, IReadOnlyList<string> LabelIds, string LabelFilterBehavior);

/// <summary>A Gmail <c>users.watch</c> answer: the mailbox's current historyId and when the watch ends (Unix ms).</summary>
internal sealed record WatchResponse(string? HistoryId, long? Expiration);

/// <summary>A Calendar notification channel (<c>events.watch</c> request and answer, <c>channels.stop</c> request); expiration in Unix ms.</summary>
internal sealed record Channel
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? Address { get; init; }

    public string? Token { get; init; }

    public long? Expiration { get; init; }

    public string? ResourceId { get; init; }

    public string? ResourceUri { get; init; }
}

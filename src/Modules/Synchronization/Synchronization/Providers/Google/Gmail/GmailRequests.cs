namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

// The optional parameters of the Gmail calls we make, named as the generated request classes' properties.

/// <summary><c>users.messages.list</c>.</summary>
internal sealed record MessagesListRequest
{
    public string? Q { get; init; }

    public int? MaxResults { get; init; }

    public string? PageToken { get; init; }

    public bool? IncludeSpamTrash { get; init; }
}

/// <summary><c>users.messages.get</c>: <c>format</c> is <c>minimal</c>, <c>full</c>, <c>raw</c> or <c>metadata</c>.</summary>
internal sealed record MessagesGetRequest
{
    public string Format { get; init; } = "full";

    public IReadOnlyList<string> MetadataHeaders { get; init; } = [];
}

/// <summary><c>users.history.list</c>.</summary>
internal sealed record HistoryListRequest
{
    public required string StartHistoryId { get; init; }

    public IReadOnlyList<string> HistoryTypes { get; init; } = [];

    public int? MaxResults { get; init; }

    public string? PageToken { get; init; }
}

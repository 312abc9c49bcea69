namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>One API request the sandbox served (control calls under <c>/_sandbox</c> are not logged).</summary>
public sealed record RequestLogEntry
{
    public required long Sequence { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary><c>microsoft-identity</c>, <c>graph</c>, <c>google-oauth</c>, <c>gmail</c>, <c>calendar</c> or <c>other</c>.</summary>
    public required string Api { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    /// <summary>The query string with its leading <c>?</c>, or empty.</summary>
    public required string Query { get; init; }

    public string PathAndQuery => Path + Query;

    /// <summary>The mailbox the bearer token (or grant) belonged to, when known.</summary>
    public string? Mailbox { get; init; }

    public required int Status { get; init; }

    public required double DurationMs { get; init; }

    /// <summary>True for a request executed as part of a Graph <c>$batch</c>.</summary>
    public bool InBatch { get; init; }
}

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar.Channels;

/// <summary>An <c>events.watch</c> channel: where a calendar's changes are announced, with which token, until when.</summary>
internal sealed class CalendarChannel
{
    private long _messageNumber;

    public required string Id { get; init; }

    public required string ResourceId { get; init; }

    public required string ResourceUri { get; init; }

    public required string Mailbox { get; init; }

    public required string CalendarId { get; init; }

    public required string Address { get; init; }

    public string? Token { get; init; }

    public required DateTimeOffset Expiration { get; init; }

    /// <summary>X-Goog-Message-Number: 1 for the <c>sync</c> message, then increasing.</summary>
    public long NextMessageNumber() => Interlocked.Increment(ref _messageNumber);
}

namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>One attempt of an outbound notification (or a notification a fault dropped), in the order they happened.</summary>
public sealed record PushDeliveryRecord
{
    public required long Sequence { get; init; }

    /// <summary>When the attempt finished, on the sandbox clock.</summary>
    public required DateTimeOffset At { get; init; }

    public required string Mailbox { get; init; }

    public required PushDeliveryKind Kind { get; init; }

    public required string Url { get; init; }

    /// <summary>The HTTP status answered; null when the call failed (see <see cref="Error"/>) or was dropped.</summary>
    public int? Status { get; init; }

    public string? Error { get; init; }

    /// <summary>1 for the first try, 2.. for retries after a failure or a non-2xx answer.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>A drop fault swallowed the notification: it was never sent.</summary>
    public bool Dropped { get; init; }

    /// <summary>The second copy sent by a duplicate fault.</summary>
    public bool Duplicate { get; init; }

    /// <summary>A delay fault held the notification back before sending it.</summary>
    public bool Delayed { get; init; }

    /// <summary>The request body (truncated to 4,000 characters); empty for calendar notifications.</summary>
    public string? Body { get; init; }

    public bool Succeeded => Status is >= 200 and < 300;
}

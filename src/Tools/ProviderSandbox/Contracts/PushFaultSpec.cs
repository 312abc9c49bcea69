namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>
/// A fault for the next <see cref="Count"/> notifications of one mailbox, of any kind (Graph change and lifecycle, Pub/Sub,
/// Calendar); the Graph validation handshake is never hit.
/// </summary>
public sealed record PushFaultSpec
{
    public required string Mailbox { get; init; }

    public required PushFaultKind Kind { get; init; }

    public int Count { get; init; } = 1;

    /// <summary>How long a <see cref="PushFaultKind.Delay"/> holds the notification back (default 2,000 ms).</summary>
    public int? DelayMs { get; init; }
}

public enum PushFaultKind
{
    /// <summary>Not sent at all (recorded as dropped).</summary>
    Drop,

    /// <summary>Sent after <see cref="PushFaultSpec.DelayMs"/>.</summary>
    Delay,

    /// <summary>Sent twice.</summary>
    Duplicate,
}

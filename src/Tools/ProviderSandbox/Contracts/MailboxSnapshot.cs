namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>What a mailbox holds now (deleted items excluded).</summary>
public sealed record MailboxSnapshot
{
    public required string Email { get; init; }

    public required SandboxProvider Provider { get; init; }

    public required string DisplayName { get; init; }

    public required long Version { get; init; }

    /// <summary>The Gmail historyId of the mailbox (meaningful for Google mailboxes).</summary>
    public required string HistoryId { get; init; }

    public required IReadOnlyList<MessageSummary> Messages { get; init; }

    public required IReadOnlyList<EventSummary> Events { get; init; }
}

public sealed record MessageSummary(string Id, string ThreadId, string InternetMessageId, string Subject, DateTimeOffset SentAt, string Folder);

/// <summary>An event (or series) with, for a series, the ids of its expanded instances.</summary>
public sealed record EventSummary(
    string Id,
    string ICalUId,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsCancelled,
    IReadOnlyList<string> InstanceIds);

/// <summary>The mailboxes listed by <c>GET /_sandbox/mailboxes</c>.</summary>
public sealed record MailboxInfo(string Email, SandboxProvider Provider, string DisplayName, int MessageCount, int EventCount, long Version);

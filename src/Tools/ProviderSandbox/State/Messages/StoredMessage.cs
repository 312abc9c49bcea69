using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.State.Messages;

/// <summary>A message as the sandbox holds it; Graph and Gmail render it in their own shapes.</summary>
internal sealed record StoredMessage
{
    public required string Id { get; init; }

    public required string ThreadId { get; init; }

    public required string InternetMessageId { get; init; }

    public string? InReplyTo { get; init; }

    public required string Subject { get; init; }

    public required string BodyText { get; init; }

    public string? BodyHtml { get; init; }

    public required SandboxAddress From { get; init; }

    public required IReadOnlyList<SandboxAddress> To { get; init; }

    public required IReadOnlyList<SandboxAddress> Cc { get; init; }

    public required IReadOnlyList<SandboxAddress> Bcc { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required MailFolder Folder { get; init; }

    public bool IsDraft { get; init; }

    /// <summary>Rendered with unparsable dates (<see cref="Contracts.ScenarioMessage.InvalidDates"/>).</summary>
    public bool InvalidDates { get; init; }

    public required IReadOnlyList<string> LabelIds { get; init; }

    /// <summary>Extra headers (<see cref="Contracts.ScenarioMessage.Headers"/>), in order.</summary>
    public IReadOnlyList<ScenarioHeader> ExtraHeaders { get; init; } = [];

    /// <summary>The raw RFC 5322 bytes Gmail renders instead of its own (<see cref="Contracts.ScenarioMessage.RawMime"/>).</summary>
    public byte[]? RawMime { get; init; }

    /// <summary>Properties laid over every rendering (<see cref="Contracts.ScenarioMessage.WireOverrides"/>).</summary>
    public System.Text.Json.Nodes.JsonObject? WireOverrides { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    public required long CreatedVersion { get; init; }

    public required long Version { get; init; }

    public bool IsDeleted { get; init; }

    /// <summary>Moved to Deleted Items rather than purged: Graph reports <c>@removed.reason = "changed"</c>.</summary>
    public bool SoftDeleted { get; init; }

    public string Snippet(int length)
    {
        var text = string.Join(' ', BodyText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= length ? text : text[..length];
    }
}

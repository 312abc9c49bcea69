namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>A message to put in a mailbox. Only <see cref="Subject"/> and <see cref="From"/> are required.</summary>
public sealed record ScenarioMessage
{
    /// <summary>The provider id; generated in the provider's style when absent.</summary>
    public string? Id { get; init; }

    /// <summary>A free-form key: messages of one mailbox sharing it share one conversationId / threadId.</summary>
    public string? Thread { get; init; }

    /// <summary>The RFC 5322 Message-ID, angle brackets included; generated when absent.</summary>
    public string? InternetMessageId { get; init; }

    /// <summary>The Message-ID this message replies to; by default the previous message of its thread in this mailbox.</summary>
    public string? InReplyTo { get; init; }

    public required string Subject { get; init; }

    /// <summary>The plain-text body.</summary>
    public string? Body { get; init; }

    /// <summary>An optional HTML body; when set, Graph answers it as the body and Gmail as a multipart/alternative part.</summary>
    public string? BodyHtml { get; init; }

    public required SandboxAddress From { get; init; }

    public IReadOnlyList<SandboxAddress> To { get; init; } = [];

    public IReadOnlyList<SandboxAddress> Cc { get; init; } = [];

    public IReadOnlyList<SandboxAddress> Bcc { get; init; } = [];

    /// <summary>When the message was sent; the sandbox clock's now when absent.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>When the mailbox received it; <see cref="SentAt"/> when absent.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary><c>inbox</c>, <c>sentitems</c> or <c>drafts</c>; <c>sentitems</c> when the mailbox owner sent it, else <c>inbox</c>.</summary>
    public string? Folder { get; init; }

    public bool IsDraft { get; init; }

    /// <summary>
    /// Test aid for clients' malformed-item handling: the message is stored normally but every API renders its dates
    /// unparsable (Graph <c>sentDateTime</c>/<c>receivedDateTime</c>, Gmail's <c>Date</c> header and <c>internalDate</c>).
    /// </summary>
    public bool InvalidDates { get; init; }

    /// <summary>
    /// Extra headers after the ones the sandbox writes itself (Message-ID, threading, Subject, addresses), in order. A
    /// name is an RFC 5322 field name (printable ASCII, no colon); a value holds no line break.
    /// </summary>
    public IReadOnlyList<ScenarioHeader> Headers { get; init; } = [];

    /// <summary>Gmail label ids; derived from the folder when absent (INBOX+UNREAD, SENT or DRAFT).</summary>
    public IReadOnlyList<string>? LabelIds { get; init; }

    /// <summary>
    /// Test aid for hostile input (Gmail): the message's raw RFC 5322 bytes, base64. Gmail then answers <c>format=raw</c>
    /// with exactly these bytes and builds <c>metadata</c>/<c>full</c> payloads (headers, MIME part tree, bodies) from
    /// them, whatever they hold (invalid charsets and UTF-8, deep multipart nesting, missing headers). The other fields
    /// still place the message (window, search, thread).
    /// </summary>
    public string? RawMime { get; init; }

    /// <summary>
    /// Test aid for hostile input: top-level properties that replace (or add to) the rendered resource in every answer
    /// (a Graph message's odd <c>from</c>, a Gmail message's <c>internalDate</c>); a JSON null removes the property.
    /// </summary>
    public System.Text.Json.Nodes.JsonObject? WireOverrides { get; init; }
}

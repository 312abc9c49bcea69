namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

// The Gmail v1 resources we read, named as in Google.Apis.Gmail.v1.Data (ids, historyId and internalDate are strings on the wire).

internal sealed record Profile(string? EmailAddress, int? MessagesTotal, int? ThreadsTotal, string? HistoryId);

internal sealed record ListMessagesResponse(IReadOnlyList<Message>? Messages, string? NextPageToken, int? ResultSizeEstimate);

internal sealed record Message(
    string? Id,
    string? ThreadId,
    IReadOnlyList<string>? LabelIds,
    string? Snippet,
    string? HistoryId,
    string? InternalDate,
    MessagePart? Payload,
    int? SizeEstimate);

internal sealed record MessagePart(
    string? PartId,
    string? MimeType,
    string? Filename,
    IReadOnlyList<MessagePartHeader>? Headers,
    MessagePartBody? Body,
    IReadOnlyList<MessagePart>? Parts);

internal sealed record MessagePartHeader(string? Name, string? Value);

internal sealed record MessagePartBody(string? AttachmentId, int? Size, string? Data);

internal sealed record ListHistoryResponse(IReadOnlyList<History>? History, string? NextPageToken, string? HistoryId);

internal sealed record History(
    string? Id,
    IReadOnlyList<Message>? Messages,
    IReadOnlyList<HistoryMessageAdded>? MessagesAdded,
    IReadOnlyList<HistoryMessageDeleted>? MessagesDeleted);

internal sealed record HistoryMessageAdded(Message? Message);

internal sealed record HistoryMessageDeleted(Message? Message);

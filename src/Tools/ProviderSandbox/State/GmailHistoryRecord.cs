namespace NavusoftSync.Tools.ProviderSandbox.State;

/// <summary>One Gmail history record: what happened to which message at which historyId.</summary>
internal sealed record GmailHistoryRecord(long HistoryId, GmailHistoryKind Kind, string MessageId, string ThreadId, IReadOnlyList<string> LabelIds);

internal enum GmailHistoryKind
{
    MessageAdded,
    MessageDeleted,
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using NavusoftSync.Tools.ProviderSandbox.State.Events;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.State;

/// <summary>
/// An immutable snapshot of one mailbox. Every mutation produces a new snapshot with <see cref="Version"/> bumped, and
/// stamps the items it touched with that version, so "changes since cursor N" is "items with a version above N".
/// </summary>
internal sealed record MailboxData
{
    /// <summary>The Gmail historyId of version v is <c>HistoryBase + v * HistoryStep</c>: increasing, not contiguous.</summary>
    public const long HistoryBase = 40_000;

    public const long HistoryStep = 3;

    public required MailboxIdentity Identity { get; init; }

    public long Version { get; init; }

    public ImmutableDictionary<string, StoredMessage> Messages { get; init; } = ImmutableDictionary<string, StoredMessage>.Empty;

    public ImmutableDictionary<string, StoredEvent> Events { get; init; } = ImmutableDictionary<string, StoredEvent>.Empty;

    public ImmutableList<GmailHistoryRecord> History { get; init; } = [];

    /// <summary>Thread keys (scenario <c>thread</c> or normalized subject) to conversation/thread ids.</summary>
    public ImmutableDictionary<string, string> Threads { get; init; } = ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cursors carry the generation they were issued in; expiring a scope bumps its generation.</summary>
    public ImmutableDictionary<CursorScope, int> Generations { get; init; } = ImmutableDictionary<CursorScope, int>.Empty;

    /// <summary>A Gmail startHistoryId below this answers 404.</summary>
    public long MinHistoryId { get; init; } = HistoryBase;

    public string HistoryId => HistoryIdOf(Version);

    public static string HistoryIdOf(long version) => (HistoryBase + (version * HistoryStep)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static long VersionOfHistoryId(long historyId) => (historyId - HistoryBase) / HistoryStep;

    public int Generation(CursorScope scope) => Generations.GetValueOrDefault(scope);

    public IEnumerable<StoredMessage> LiveMessages => Messages.Values.Where(m => !m.IsDeleted);

    /// <summary>
    /// The messages (deleted ones too) whose version lies in (<paramref name="afterVersion"/>, <paramref name="throughVersion"/>],
    /// in (version, id) order. A delta page reads only its own rows: the ordered view is built once per message set
    /// (an immutable dictionary, so the cache can never be stale) and entered by binary search.
    /// </summary>
    public IEnumerable<StoredMessage> MessagesChangedBetween(long afterVersion, long throughVersion)
    {
        var ordered = MessagesByVersion.GetValue(Messages, static messages => [.. messages.Values.OrderBy(m => m.Version).ThenBy(m => m.Id, StringComparer.Ordinal)]);
        for (var i = FirstWhere(ordered, m => m.Version > afterVersion); i < ordered.Length && ordered[i].Version <= throughVersion; i++)
        {
            yield return ordered[i];
        }
    }

    private static readonly ConditionalWeakTable<ImmutableDictionary<string, StoredMessage>, StoredMessage[]> MessagesByVersion = [];

    /// <summary>
    /// The live messages newest first: by Gmail internalDate (milliseconds), then id, both descending, the order of
    /// <c>messages.list</c>. Built once per message set, so a list page enters it by binary search instead of sorting
    /// the mailbox.
    /// </summary>
    public IReadOnlyList<StoredMessage> LiveMessagesNewestFirst =>
        NewestFirst.GetValue(Messages, static messages => [.. messages.Values
            .Where(m => !m.IsDeleted)
            .OrderByDescending(m => m.ReceivedAt.ToUnixTimeMilliseconds())
            .ThenByDescending(m => m.Id, StringComparer.Ordinal)]);

    private static readonly ConditionalWeakTable<ImmutableDictionary<string, StoredMessage>, StoredMessage[]> NewestFirst = [];

    /// <summary>
    /// The index in <see cref="LiveMessagesNewestFirst"/> of the first message listed after (<paramref name="internalDate"/>,
    /// <paramref name="id"/>): where a <c>messages.list</c> page token resumes.
    /// </summary>
    public int NewestFirstAfter(long internalDate, string id) =>
        FirstWhere(LiveMessagesNewestFirst, m => m.ReceivedAt.ToUnixTimeMilliseconds() is var date
            && (date < internalDate || (date == internalDate && string.CompareOrdinal(m.Id, id) < 0)));

    /// <summary>Binary search in a list whose items fail <paramref name="holds"/> up to some index and pass it from there on: that index.</summary>
    private static int FirstWhere(IReadOnlyList<StoredMessage> ordered, Func<StoredMessage, bool> holds)
    {
        var (low, high) = (0, ordered.Count);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            (low, high) = holds(ordered[middle]) ? (low, middle) : (middle + 1, high);
        }

        return low;
    }

    public IEnumerable<StoredEvent> LiveEvents => Events.Values.Where(e => !e.IsDeleted);
}

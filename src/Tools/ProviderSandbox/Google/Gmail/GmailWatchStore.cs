using System.Collections.Concurrent;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary>A mailbox's <c>users.watch</c>: where its changes are published, for which labels, until when.</summary>
internal sealed record GmailWatch(string Mailbox, string TopicName, IReadOnlyList<string> LabelIds, bool ExcludeLabels, long HistoryId, DateTimeOffset Expiration)
{
    /// <summary>Whether a change to a message with these labels is published (no label filter: every change).</summary>
    public bool Covers(IReadOnlyList<string> labels) =>
        LabelIds.Count == 0 || (ExcludeLabels ? !labels.Any(LabelIds.Contains) : labels.Any(LabelIds.Contains));
}

/// <summary>One watch per mailbox (a new one replaces it); one past its expiration on the sandbox clock is gone.</summary>
internal sealed class GmailWatchStore(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, GmailWatch> _watches = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<GmailWatch> Live
    {
        get
        {
            var now = clock.GetUtcNow();
            return [.. _watches.Values.Where(w => w.Expiration > now).OrderBy(w => w.Mailbox, StringComparer.OrdinalIgnoreCase)];
        }
    }

    public bool Any(string email) => _watches.ContainsKey(email);

    public GmailWatch? Find(string email) => _watches.TryGetValue(email, out var watch) && watch.Expiration > clock.GetUtcNow() ? watch : null;

    public void Save(GmailWatch watch) => _watches[watch.Mailbox] = watch;

    public bool Remove(string email) => _watches.TryRemove(email, out _);

    public void Clear() => _watches.Clear();
}

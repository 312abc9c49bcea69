using System.Runtime.CompilerServices;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>
/// The contents a planned read got with its messages: it reads each listed message once in <c>full</c> format (the same
/// 5 quota units as <c>metadata</c>), so a matched message's body is kept here for the run's own body read instead of
/// being read a second time. Held per run (keyed by the run's <see cref="MailboxAccess"/>, collected with it), taken
/// once, and bounded by <see cref="MaxBytes"/> of body text: past it the oldest are dropped, and a dropped or missing
/// body is simply read again.
/// </summary>
internal static class GmailPlannedContents
{
    public const long MaxBytes = 32L * 1024 * 1024;

    private static readonly ConditionalWeakTable<MailboxAccess, Store> Stores = [];

    public static void Keep(MailboxAccess access, string id, MessageContent content) => Stores.GetOrCreateValue(access).Keep(id, content);

    /// <summary>The kept contents of <paramref name="ids"/>, removed from the store.</summary>
    public static Dictionary<string, MessageContent> Take(MailboxAccess access, IEnumerable<string> ids) =>
        Stores.TryGetValue(access, out var store) ? store.Take(ids) : new Dictionary<string, MessageContent>(StringComparer.Ordinal);

    private sealed class Store
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, MessageContent> _contents = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();
        private long _bytes;

        public void Keep(string id, MessageContent content)
        {
            lock (_gate)
            {
                if (!_contents.TryAdd(id, content))
                {
                    return;
                }

                _order.Enqueue(id);
                _bytes += SizeOf(content);
                while (_bytes > MaxBytes && _order.TryDequeue(out var oldest))
                {
                    if (_contents.Remove(oldest, out var dropped))
                    {
                        _bytes -= SizeOf(dropped);
                    }
                }
            }
        }

        public Dictionary<string, MessageContent> Take(IEnumerable<string> ids)
        {
            var taken = new Dictionary<string, MessageContent>(StringComparer.Ordinal);
            lock (_gate)
            {
                foreach (var id in ids)
                {
                    if (_contents.Remove(id, out var content))
                    {
                        taken[id] = content;
                        _bytes -= SizeOf(content);
                    }
                }
            }

            return taken;
        }

        private static long SizeOf(MessageContent content) => 2L * (content.BodyText?.Length ?? 0) + 64;
    }
}

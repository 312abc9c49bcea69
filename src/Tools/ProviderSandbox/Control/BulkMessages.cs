using System.Collections.Immutable;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>
/// Adds many messages to a mailbox in one mutation (<c>POST /_sandbox/mailboxes/{email}/messages/bulk</c>), for
/// benchmarks of large mailboxes. Each message goes through <see cref="MessageChanges.Add"/> exactly as a single add
/// (own version, thread, In-Reply-To, folder, labels, Gmail history record), but that method is shown only the
/// messages of the message's own thread, so adding n messages costs O(n log n) instead of a scan of the whole
/// mailbox per message. Messages need an explicit <see cref="ScenarioMessage.Thread"/> key (the thread is known
/// before the add); the snapshot is published once, at the end.
/// </summary>
internal static class BulkMessages
{
    public static int Add(Mailbox mailbox, IReadOnlyList<ScenarioMessage> messages, DateTimeOffset now)
    {
        if (messages.FirstOrDefault(m => string.IsNullOrWhiteSpace(m.Thread)) is { } keyless)
        {
            throw SandboxRequestException.Invalid($"A bulk message needs a 'thread' key ('{keyless.Subject}' has none).");
        }

        return mailbox.Mutate(data =>
        {
            var byThread = data.LiveMessages
                .GroupBy(m => m.ThreadId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToDictionary(m => m.Id, m => m, StringComparer.Ordinal), StringComparer.Ordinal);
            var all = data.Messages.ToBuilder();
            var current = data;
            foreach (var input in messages)
            {
                if (!string.IsNullOrWhiteSpace(input.Id) && all.ContainsKey(input.Id.Trim()))
                {
                    throw SandboxRequestException.Conflict($"Message '{input.Id}' already exists in '{data.Identity.Email}'.");
                }

                var threadId = current.Threads.GetValueOrDefault("key:" + input.Thread!.Trim());
                var siblings = threadId is not null && byThread.TryGetValue(threadId, out var known)
                    ? known.ToImmutableDictionary(StringComparer.Ordinal)
                    : ImmutableDictionary<string, StoredMessage>.Empty;
                var (next, message) = MessageChanges.Add(current with { Messages = siblings }, input, now);
                all[message.Id] = message;
                if (!byThread.TryGetValue(message.ThreadId, out var thread))
                {
                    byThread[message.ThreadId] = thread = new Dictionary<string, StoredMessage>(StringComparer.Ordinal);
                }

                thread[message.Id] = message;
                current = next;
            }

            return (current with { Messages = all.ToImmutable() }, messages.Count);
        });
    }
}

using System.Collections.Concurrent;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar.Channels;

/// <summary>Every channel by id; one past its expiration on the sandbox clock is gone.</summary>
internal sealed class CalendarChannelStore(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, CalendarChannel> _channels = new(StringComparer.Ordinal);

    public IReadOnlyList<CalendarChannel> Live
    {
        get
        {
            var now = clock.GetUtcNow();
            return [.. _channels.Values.Where(c => c.Expiration > now).OrderBy(c => c.Mailbox, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id, StringComparer.Ordinal)];
        }
    }

    public bool Any(string email) => _channels.Any(c => c.Value.Mailbox.Equals(email, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<CalendarChannel> LiveOf(string email) => Live.Where(c => c.Mailbox.Equals(email, StringComparison.OrdinalIgnoreCase));

    public CalendarChannel? Find(string id) =>
        _channels.TryGetValue(id, out var channel) && channel.Expiration > clock.GetUtcNow() ? channel : null;

    /// <summary>False when a live channel already has this id (Google refuses a reused channel id).</summary>
    public bool TryAdd(CalendarChannel channel)
    {
        if (_channels.TryGetValue(channel.Id, out var existing) && existing.Expiration <= clock.GetUtcNow())
        {
            _channels.TryRemove(KeyValuePair.Create(channel.Id, existing));
        }

        return _channels.TryAdd(channel.Id, channel);
    }

    public bool Remove(string id) => _channels.TryRemove(id, out _);

    public void Clear() => _channels.Clear();
}

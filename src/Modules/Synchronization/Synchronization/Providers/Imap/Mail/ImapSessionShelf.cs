using System.Collections.Concurrent;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// Keeps a run's body session between calls: the page loop asks for the bodies of every page's matched messages, and a
/// connection, TLS handshake, login and EXAMINE per page would cost more than the fetch. A session is keyed by the run's
/// <see cref="MailboxAccess"/> (one per run, so a session never outlives its run's credentials or refusal path) and is
/// taken out while in use, so no two callers share a connection. One left on the shelf longer than <see cref="IdleLimit"/>
/// (its run ended, or it waits for the next page) is closed at the next take or return of any session.
/// </summary>
internal sealed class ImapSessionShelf(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<MailboxAccess, (ImapSession Session, DateTimeOffset ShelvedAt)> _shelved = new(ReferenceEqualityComparer.Instance);

    /// <summary>The run's shelved session, or null; the caller owns it until it gives it back.</summary>
    public ImapSession? Take(MailboxAccess access)
    {
        Sweep();
        return _shelved.TryRemove(access, out var entry) ? entry.Session : null;
    }

    /// <summary>Shelves a session after use; a second one for the same run is closed instead.</summary>
    public void Return(MailboxAccess access, ImapSession session)
    {
        if (!_shelved.TryAdd(access, (session, clock.GetUtcNow())))
        {
            session.Dispose();
        }

        Sweep();
    }

    public void Dispose()
    {
        foreach (var access in _shelved.Keys)
        {
            if (_shelved.TryRemove(access, out var entry))
            {
                entry.Session.Dispose();
            }
        }
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (access, entry) in _shelved)
        {
            if (now - entry.ShelvedAt > IdleLimit && _shelved.TryRemove(new KeyValuePair<MailboxAccess, (ImapSession, DateTimeOffset)>(access, entry)))
            {
                entry.Session.Dispose();
            }
        }
    }
}

using Marten;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Threads;

namespace NavusoftSync.Synchronization.Contacts;

/// <summary>
/// Applies a contact address that appeared on or left an account to every recorded thread and
/// appointment that address takes part in (found through <see cref="ParticipantEntry"/>), by
/// appending matched/unmatched events (the caller commits). Idempotent: applying the same change
/// again appends nothing. An address the tenant's blocklist covers never makes a match, so its
/// appearing widens nothing.
/// </summary>
internal sealed class ContactChangeRecorder(IDocumentSession session, TimeProvider clock)
{
    public async Task<int> ApplyAsync(string accountId, string address, bool appeared, CancellationToken cancellationToken)
    {
        if (appeared && PrivacyFilter.ForTenant(await session.LoadAsync<PrivacyState>(PrivacyState.StreamKey, cancellationToken)).IsBlocked(address))
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var entries = await session.Query<ParticipantEntry>().Where(p => p.Address == address).ToListAsync(cancellationToken);
        var appended = 0;
        foreach (var entry in entries.OrderBy(e => e.StreamKey, StringComparer.Ordinal))
        {
            if (entry.Kind == ParticipantKind.Thread)
            {
                var stream = await session.Events.FetchForWriting<EmailThread>(entry.StreamKey, cancellationToken);
                if (stream.Aggregate is { } thread)
                {
                    var events = appeared
                        ? ThreadDecisions.ContactAppeared(thread, accountId, address, now)
                        : ThreadDecisions.ContactDisappeared(thread, accountId, address, now);
                    stream.AppendMany(events);
                    appended += events.Count;
                }
            }
            else
            {
                var stream = await session.Events.FetchForWriting<Appointment>(entry.StreamKey, cancellationToken);
                if (stream.Aggregate is { } appointment)
                {
                    var events = appeared
                        ? AppointmentDecisions.ContactAppeared(appointment, accountId, address, now)
                        : AppointmentDecisions.ContactDisappeared(appointment, accountId, address, now);
                    stream.AppendMany(events);
                    appended += events.Count;
                }
            }
        }

        return appended;
    }
}

using Marten;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Recording;

/// <summary>
/// A link was removed: its mailbox and calendar no longer hold anything, so every message and
/// meeting it held is released by event (the user's calendar drops what came only from it; the
/// threads, appointments and account calendars keep their history), its index entries and cursors
/// go, and a later link of the same mailbox starts with a full read. The caller commits.
/// </summary>
internal sealed class LinkRelease(IDocumentSession session, ThreadRecorder threads, TimeProvider clock)
{
    public async Task<int> ReleaseAsync(string linkId, string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var prefix = $"{linkId}|";

        var messages = await session.Query<MailboxMessageEntry>().Where(e => e.Id.StartsWith(prefix)).ToListAsync(cancellationToken);
        var appended = await threads.ReleaseAsync(messages, userId, linkId, cancellationToken);

        var occurrences = await session.Query<CalendarOccurrenceEntry>().Where(e => e.Id.StartsWith(prefix)).ToListAsync(cancellationToken);
        foreach (var appointment in occurrences.GroupBy(e => e.AppointmentKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var stream = await session.Events.FetchForWriting<Appointment>(appointment.Key, cancellationToken);
            var events = AppointmentDecisions.Unlink(stream.Aggregate, userId, linkId, now);
            stream.AppendMany(events);
            appended += events.Count;
            foreach (var entry in appointment)
            {
                session.Delete<CalendarOccurrenceEntry>(entry.Id);
            }
        }

        session.Delete<SyncCursors>(linkId);
        session.DeleteWhere<Contacts.LookbackRequest>(r => r.LinkId == linkId);
        return appended;
    }
}

using Marten;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Recording;

/// <summary>Records one page of matched occurrences and removals into appointment streams (the caller commits).</summary>
internal sealed class AppointmentRecorder(IDocumentSession session, TimeProvider clock)
{
    /// <returns>Events appended, and how many of the occurrences are new in this calendar (the link's "appointments synced").</returns>
    public async Task<SyncCounts> RecordAsync(MailboxOwner owner, IReadOnlyList<Matched<CalendarItem>> matched, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (appended, added) = (0, 0);
        foreach (var occurrence in matched.GroupBy(m => AppointmentKeys.For(m.Item.ICalUid, m.Item.OriginalStart), StringComparer.Ordinal))
        {
            var stream = await session.Events.FetchForWriting<Appointment>(occurrence.Key, cancellationToken);
            var state = stream.Aggregate;
            foreach (var (item, matches) in occurrence)
            {
                var wasHeld = state?.IsHeldBy(owner.UserId, owner.LinkId) == true;
                var events = AppointmentDecisions.Record(state, occurrence.Key, item, owner.Holding, matches, now);
                stream.AppendMany(events);
                state = events.Aggregate(state, Appointment.Fold);
                appended += events.Count;
                added += wasHeld || !events.OfType<AppointmentHeld>().Any() ? 0 : 1;
                if (events.Any(e => e is AppointmentScheduled or AppointmentAttendeesChanged))
                {
                    session.Store([.. ContactMatches.AddressesOf(item).Select(a => ParticipantEntry.For(ParticipantKind.Appointment, occurrence.Key, a))]);
                }

                session.Store(new CalendarOccurrenceEntry(CalendarOccurrenceEntry.KeyOf(owner.LinkId, item.ProviderId), occurrence.Key));
            }
        }

        return SyncCounts.Recorded(appended, added);
    }

    /// <returns>Events appended.</returns>
    public async Task<int> ReleaseAsync(MailboxOwner owner, IReadOnlyList<RemovedItem> removed, CancellationToken cancellationToken)
    {
        if (removed.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var entries = (await session.LoadManyAsync<CalendarOccurrenceEntry>(
            cancellationToken, removed.Where(r => r.SeriesKeep is null).Select(r => CalendarOccurrenceEntry.KeyOf(owner.LinkId, r.ProviderId)))).ToList();
        foreach (var series in removed.Where(r => r.SeriesKeep is not null))
        {
            entries.AddRange(await SeriesEntriesAsync(owner.LinkId, series, cancellationToken));
        }

        var appended = 0;
        foreach (var entry in entries)
        {
            var stream = await session.Events.FetchForWriting<Appointment>(entry.AppointmentKey, cancellationToken);
            var events = AppointmentDecisions.Remove(stream.Aggregate, owner.UserId, owner.LinkId, now);
            stream.AppendMany(events);
            appended += events.Count;
            session.Delete<CalendarOccurrenceEntry>(entry.Id);
        }

        return appended;
    }

    /// <summary>The link's stored occurrences of a resource read whole (<see cref="RemovedItem.SeriesKeep"/>) that it no longer has.</summary>
    private async Task<IReadOnlyList<CalendarOccurrenceEntry>> SeriesEntriesAsync(string linkId, RemovedItem series, CancellationToken cancellationToken)
    {
        var prefix = CalendarOccurrenceEntry.KeyOf(linkId, RemovedItem.SeriesOccurrenceId(series.ProviderId, string.Empty));
        var stored = await session.Query<CalendarOccurrenceEntry>().Where(e => e.Id.StartsWith(prefix)).ToListAsync(cancellationToken);
        var keep = series.SeriesKeep!.Select(id => CalendarOccurrenceEntry.KeyOf(linkId, id)).ToHashSet(StringComparer.Ordinal);
        return [.. stored.Where(e => !keep.Contains(e.Id))];
    }
}

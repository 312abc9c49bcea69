using Marten;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Privacy.Erasure;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Threads;

namespace NavusoftSync.Synchronization.Privacy.Review;

/// <summary>
/// Applies the tenant's privacy rules to every stored thread and appointment (<see cref="ItemReview"/>), in batches of
/// <see cref="BatchSize"/> items, each batch committed on its own: erased items (<see cref="ItemEraser"/>, not final, by
/// whoever changed the rules, the rule as reason), narrowed ones by event. The decisions are idempotent, so a review
/// interrupted and run again (a redelivery) only does what is left. Tombstones are skipped in memory (a snapshot written
/// before the flag existed has no <c>erased</c> field for a query to test).
/// </summary>
internal sealed class PrivacyReview(IDocumentSession session, ItemEraser eraser, TimeProvider clock)
{
    public const int BatchSize = 100;

    /// <returns>How many items were erased.</returns>
    public async Task<int> ReviewAsync(PrivacyState privacy, string changedBy, CancellationToken cancellationToken)
    {
        var rules = new ReviewRules(privacy);
        var erased = 0;
        var threads = await session.Query<EmailThread>().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var batch in threads.Chunk(BatchSize))
        {
            erased += await ThreadsAsync(batch, rules, changedBy, cancellationToken);
            await session.SaveChangesAsync(cancellationToken);
        }

        var appointments = await session.Query<Appointment>().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var batch in appointments.Chunk(BatchSize))
        {
            erased += await AppointmentsAsync(batch, rules, changedBy, cancellationToken);
            await session.SaveChangesAsync(cancellationToken);
        }

        return erased;
    }

    private async Task<int> ThreadsAsync(string[] keys, ReviewRules rules, string changedBy, CancellationToken cancellationToken)
    {
        var participants = (await session.Query<ParticipantEntry>().Where(p => p.StreamKey.IsOneOf(keys)).ToListAsync(cancellationToken))
            .ToLookup(p => p.StreamKey, p => p.Address, StringComparer.Ordinal);
        var erased = 0;
        foreach (var thread in (await session.LoadManyAsync<EmailThread>(cancellationToken, keys)).Where(t => !t.Erased))
        {
            var now = clock.GetUtcNow();
            var outcome = ItemReview.Thread(thread, [.. participants[thread.Id]], rules, now);
            if (outcome.EraseFor is { } rule)
            {
                erased += await eraser.EraseThreadAsync(thread.Id, new ItemErasure(changedBy, rule, Final: false), cancellationToken) ? 1 : 0;
            }
            else if (outcome.Events.Count > 0)
            {
                var stream = await session.Events.FetchForWriting<EmailThread>(thread.Id, cancellationToken);
                stream.AppendMany(stream.Aggregate is { } current ? ItemReview.Thread(current, [.. participants[thread.Id]], rules, now).Events : []);
            }
        }

        return erased;
    }

    private async Task<int> AppointmentsAsync(string[] keys, ReviewRules rules, string changedBy, CancellationToken cancellationToken)
    {
        var erased = 0;
        foreach (var appointment in (await session.LoadManyAsync<Appointment>(cancellationToken, keys)).Where(a => !a.Erased))
        {
            var now = clock.GetUtcNow();
            var outcome = ItemReview.Appointment(appointment, rules, now);
            if (outcome.EraseFor is { } rule)
            {
                erased += await eraser.EraseAppointmentAsync(appointment.Id, new ItemErasure(changedBy, rule, Final: false), cancellationToken) ? 1 : 0;
            }
            else if (outcome.Events.Count > 0)
            {
                var stream = await session.Events.FetchForWriting<Appointment>(appointment.Id, cancellationToken);
                stream.AppendMany(stream.Aggregate is { } current ? ItemReview.Appointment(current, rules, now).Events : []);
            }
        }

        return erased;
    }
}

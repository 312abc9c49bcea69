using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.BuildingBlocks.Mediation;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Threads;

namespace NavusoftSync.Synchronization.Privacy.Erasure;

/// <summary>Who erases an item and why; <c>Final</c> for an admin's erasure (the item becomes a tombstone).</summary>
internal sealed record ItemErasure(string ErasedBy, string Reason, bool Final)
{
    /// <summary>The event headers that masked events carry: who erased them and why.</summary>
    public const string ErasedByHeader = "erasedBy";

    public const string ReasonHeader = "erasedReason";
}

/// <summary>
/// Erases one thread's or appointment's content. Its stored events are masked in place (<see cref="ContentMasking"/>:
/// Marten's event data masking, for the scope's tenant, headed with who and why), the erased event is appended to the
/// scope's session (the inline snapshot folds it: content gone, and for a final erasure a tombstone), and the documents
/// that copy its participants' addresses are deleted. The caller commits. The masking runs before the commit, so what was
/// stored is masked even if the process dies after it, and again once the unit of work commits, for an event a sync
/// appended in between (after a final erasure nothing more is appended; after a rule's erasure nothing that the rule
/// excludes). Only events no erasure masked yet are masked, so each masked event keeps the who and why of the erasure that
/// masked it, and erasing again changes nothing that is already erased.
/// </summary>
internal sealed class ItemEraser(IDocumentSession session, IDocumentStore store, ITenantContext tenant, UnitOfWork unitOfWork, TimeProvider clock)
{
    /// <returns>False when the tenant has no such thread.</returns>
    public Task<bool> EraseThreadAsync(string threadKey, ItemErasure erasure, CancellationToken cancellationToken) =>
        EraseAsync<EmailThread>(threadKey, erasure, ThreadDecisions.Erase, cancellationToken);

    /// <returns>False when the tenant has no such appointment.</returns>
    public Task<bool> EraseAppointmentAsync(string appointmentKey, ItemErasure erasure, CancellationToken cancellationToken) =>
        EraseAsync<Appointment>(appointmentKey, erasure, AppointmentDecisions.Erase, cancellationToken);

    /// <summary>Masks the item's stream, appends what <paramref name="decide"/> erases it with, and forgets its copies.</summary>
    private async Task<bool> EraseAsync<TItem>(
        string key, ItemErasure erasure, Func<TItem?, string, string, string, bool, DateTimeOffset, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
        where TItem : class
    {
        var stream = await session.Events.FetchForWriting<TItem>(key, cancellationToken);
        if (stream.Aggregate is null && stream.CurrentVersion is null or 0)
        {
            return false;
        }

        await MaskAsync(key, erasure, cancellationToken);
        stream.AppendMany(decide(stream.Aggregate, key, erasure.ErasedBy, erasure.Reason, erasure.Final, clock.GetUtcNow()));
        Forget(key, erasure);
        return true;
    }

    private void Forget(string streamKey, ItemErasure erasure)
    {
        session.DeleteWhere<ParticipantEntry>(p => p.StreamKey == streamKey);
        unitOfWork.AfterCommit(ct => MaskAsync(streamKey, erasure, ct));
    }

    private Task MaskAsync(string streamKey, ItemErasure erasure, CancellationToken cancellationToken) =>
        store.Advanced.ApplyEventDataMasking(
            x =>
            {
                x.ForTenant(tenant.TenantId);
                x.IncludeStream(streamKey, e => e.Headers?.ContainsKey(ItemErasure.ErasedByHeader) != true);
                x.AddHeader(ItemErasure.ErasedByHeader, erasure.ErasedBy);
                x.AddHeader(ItemErasure.ReasonHeader, erasure.Reason);
            },
            cancellationToken);
}

namespace NavusoftSync.Calendar.Projections;

/// <summary>
/// The version of one calendar's entries (id: the <see cref="CalendarOwners"/> key). The projection
/// stores a fresh, never reused <see cref="Version"/> in the same batch, so the same transaction, as
/// every store or delete of an entry of that calendar; a rebuild deletes the stamps with the entries.
/// So a stamp read now names exactly the entries as they are now: answers kept under it cannot be
/// stale, and it serves as the answers' entity tag. No stamp: the calendar never had an entry, or
/// is being rebuilt; nothing is cached for it then.
/// </summary>
internal sealed record CalendarStamp(string Id, string Version)
{
    public static CalendarStamp Fresh(string owner) => new(owner, Guid.CreateVersion7().ToString("N"));
}

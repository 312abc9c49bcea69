using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// Who reads a calendar, and the tenant's visibility rules the answer is computed under. A user calendar is only ever
/// read by its own user, who holds every item on it (<c>full</c>); an account calendar's entry carries its holders and
/// private mark, so each item's level for the caller is decided without loading its view.
/// </summary>
internal sealed record CalendarViewer(string CallerId, VisibilityRules Rules)
{
    public string LevelOf(CalendarEntry entry) =>
        CalendarOwners.IsAccount(entry.Owner) ? Rules.For(CallerId, entry.Holders, entry.MarkedPrivate) : Visibility.Full;
}

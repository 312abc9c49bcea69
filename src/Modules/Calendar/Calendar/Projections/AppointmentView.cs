using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Calendar.Projections;

/// <summary>A user's calendar (through one link) holding the appointment.</summary>
internal sealed record AppointmentHolder(string UserId, string LinkId);

internal static class AppointmentStatus
{
    public const string Scheduled = "Scheduled";
    public const string Cancelled = "Cancelled";
}

/// <summary>
/// The read side of one meeting occurrence (what <c>GET /api/appointments/{id}</c> answers), folded
/// from the appointment stream's recorded events, lists in canonical order (see <see cref="EmailThreadView"/>).
/// </summary>
internal sealed record AppointmentView(
    string Id,
    string Title,
    When Start,
    When End,
    bool IsAllDay,
    string? Location,
    Participant? Organizer,
    IReadOnlyList<Attendee> Attendees,
    string? Description,
    string Status,
    IReadOnlyList<AppointmentHolder> Holders,
    IReadOnlyList<AccountMatch> Accounts,
    IReadOnlyList<string> PlacedOwners,
    bool DescriptionTruncated = false)
{
    /// <summary>Folds one event; events before the appointment was scheduled (none in a well-formed stream) are ignored.</summary>
    public static AppointmentView? Fold(AppointmentView? view, object e) => e switch
    {
        AppointmentScheduled x => new AppointmentView(
            x.AppointmentKey, x.Title, Normalized(x.Start), Normalized(x.End), x.IsAllDay, x.Location, x.Organizer, x.Attendees, x.Description,
            AppointmentStatus.Scheduled, view?.Holders ?? [], view?.Accounts ?? [], view?.PlacedOwners ?? [], x.DescriptionTruncated),
        _ => view?.Apply(e),
    };

    private AppointmentView Apply(object e) => e switch
    {
        AppointmentRescheduled x => this with { Start = Normalized(x.Start), End = Normalized(x.End), IsAllDay = x.IsAllDay },
        AppointmentDetailsChanged x => this with { Title = x.Title, Location = x.Location, Description = x.Description, DescriptionTruncated = x.DescriptionTruncated },
        AppointmentAttendeesChanged x => this with { Organizer = x.Organizer, Attendees = x.Attendees },
        AppointmentCancelled => this with { Status = AppointmentStatus.Cancelled },
        AppointmentReinstated => this with { Status = AppointmentStatus.Scheduled },
        AppointmentHeld x => this with { Holders = Sorted(Holders.Where(h => h != new AppointmentHolder(x.UserId, x.LinkId)).Append(new AppointmentHolder(x.UserId, x.LinkId))) },
        AppointmentReleased x => this with { Holders = [.. Holders.Where(h => h != new AppointmentHolder(x.UserId, x.LinkId))] },
        AppointmentAccountMatched x => this with { Accounts = AccountMatches.With(Accounts, x.AccountId, x.MatchedContacts) },
        AppointmentAccountUnmatched x => this with { Accounts = AccountMatches.Without(Accounts, x.AccountId) },
        _ => this,
    };

    public IEnumerable<string> HoldingUsers => Holders.Select(h => h.UserId).Distinct(StringComparer.Ordinal);

    private static When Normalized(When when) => when.Instant is { } instant ? new When(instant.ToUniversalTime(), null) : new When(null, when.Date);

    private static List<AppointmentHolder> Sorted(IEnumerable<AppointmentHolder> holders) =>
        [.. holders.OrderBy(h => h.UserId, StringComparer.Ordinal).ThenBy(h => h.LinkId, StringComparer.Ordinal)];
}

using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Calendar.Projections;

/// <summary>A user's calendar (through one link) holding the appointment.</summary>
internal sealed record AppointmentViewHolder(string UserId, string LinkId);

/// <summary>
/// The read side of one meeting occurrence (what <c>GET /api/appointments/{id}</c> answers), folded
/// from the appointment stream's recorded events, lists in canonical order (see <see cref="EmailThreadView"/>).
/// <see cref="MarkedPrivateBy"/>: the users who marked it private; <see cref="Erasure"/>: set while its content is
/// erased (title, location, people and description gone, on no calendar; its times and status stay).
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
    AppointmentStatus Status,
    IReadOnlyList<AppointmentViewHolder> Holders,
    IReadOnlyList<AccountMatch> Accounts,
    IReadOnlyList<string> PlacedOwners,
    bool DescriptionTruncated = false) : ICalendarItemView<AppointmentView>
{
    /// <summary>The users who marked the appointment private (ordinal order; absent in views stored before marks existed).</summary>
    public IReadOnlyList<string> MarkedPrivateBy { get; init; } = [];

    /// <summary>Who erased the appointment's content, when and why; null while it has content.</summary>
    public ViewErasure? Erasure { get; init; }

    public static string? StreamKey(object data) => data switch
    {
        AppointmentScheduled x => x.AppointmentKey,
        AppointmentRescheduled x => x.AppointmentKey,
        AppointmentDetailsChanged x => x.AppointmentKey,
        AppointmentAttendeesChanged x => x.AppointmentKey,
        AppointmentCancelled x => x.AppointmentKey,
        AppointmentReinstated x => x.AppointmentKey,
        AppointmentHeld x => x.AppointmentKey,
        AppointmentReleased x => x.AppointmentKey,
        AppointmentAccountMatched x => x.AppointmentKey,
        AppointmentAccountUnmatched x => x.AppointmentKey,
        AppointmentMarkedPrivate x => x.AppointmentKey,
        AppointmentErased x => x.AppointmentKey,
        _ => null,
    };

    public static AppointmentView? Fold(AppointmentView? view, string key, object data) => Fold(view, data);

    /// <summary>
    /// Folds one event; events before the appointment was scheduled (none in a well-formed stream) are ignored. After a
    /// final erasure the appointment is a tombstone that folds nothing more; after another, newly recorded content
    /// (scheduled again, or its details) brings it back.
    /// </summary>
    public static AppointmentView? Fold(AppointmentView? view, object e) => view?.Erasure is { Final: true } ? view : e switch
    {
        AppointmentScheduled x => new AppointmentView(
            x.AppointmentKey, x.Title, Normalized(x.Start), Normalized(x.End), x.IsAllDay, x.Location, x.Organizer, x.Attendees, x.Description,
            AppointmentStatus.Scheduled, view?.Holders ?? [], view?.Accounts ?? [], view?.PlacedOwners ?? [], x.DescriptionTruncated)
        {
            MarkedPrivateBy = view?.MarkedPrivateBy ?? [],
        },
        _ => view?.Apply(e),
    };

    private AppointmentView Apply(object e) => e switch
    {
        AppointmentRescheduled x => this with { Start = Normalized(x.Start), End = Normalized(x.End), IsAllDay = x.IsAllDay },
        AppointmentDetailsChanged x => this with { Title = x.Title, Location = x.Location, Description = x.Description, DescriptionTruncated = x.DescriptionTruncated, Erasure = null },
        AppointmentAttendeesChanged x => this with { Organizer = x.Organizer, Attendees = x.Attendees },
        AppointmentCancelled => this with { Status = AppointmentStatus.Cancelled },
        AppointmentReinstated => this with { Status = AppointmentStatus.Scheduled },
        AppointmentHeld x => this with { Holders = Sorted(Holders.Where(h => h != new AppointmentViewHolder(x.UserId, x.LinkId)).Append(new AppointmentViewHolder(x.UserId, x.LinkId))) },
        AppointmentReleased x => this with { Holders = [.. Holders.Where(h => h != new AppointmentViewHolder(x.UserId, x.LinkId))] },
        AppointmentAccountMatched x => this with { Accounts = ViewAccountMatches.With(Accounts, x.AccountId, x.MatchedContacts) },
        AppointmentAccountUnmatched x => this with { Accounts = ViewAccountMatches.Without(Accounts, x.AccountId) },
        AppointmentMarkedPrivate x => this with { MarkedPrivateBy = ViewPrivateMarks.With(MarkedPrivateBy, x.UserId, x.Private) },
        AppointmentErased x => Erased(new ViewErasure(x.ErasedBy, x.Reason, x.Final, x.At)),
        _ => this,
    };

    /// <summary>Everything of the appointment but its id, times and status goes; it leaves every calendar.</summary>
    private AppointmentView Erased(ViewErasure erasure) => this with
    {
        Title = string.Empty, Location = null, Organizer = null, Attendees = [], Description = null, DescriptionTruncated = false,
        Holders = [], Accounts = [], MarkedPrivateBy = [], Erasure = erasure,
    };

    public IEnumerable<string> HoldingUsers => Holders.Select(h => h.UserId).Distinct(StringComparer.Ordinal);

    /// <summary>Whether a current holder has the appointment marked private.</summary>
    public bool IsMarkedPrivate() => ViewPrivateMarks.AnyHeld(MarkedPrivateBy, HoldingUsers);

    public (CalendarEntry? Template, IReadOnlyList<string> Owners) Placement() => CalendarPlacement.Of(this);

    public AppointmentView WithPlacedOwners(IReadOnlyList<string> owners) => this with { PlacedOwners = owners };

    private static When Normalized(When when) => when.Instant is { } instant ? new When(instant.ToUniversalTime(), null) : new When(null, when.Date);

    private static List<AppointmentViewHolder> Sorted(IEnumerable<AppointmentViewHolder> holders) =>
        [.. holders.OrderBy(h => h.UserId, StringComparer.Ordinal).ThenBy(h => h.LinkId, StringComparer.Ordinal)];
}

using NavusoftSync.Synchronization.Privacy.Marking;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Appointments;

/// <summary>A linked calendar holding the meeting; <c>IsOrganizer</c> when it is the organizer's own calendar.</summary>
internal sealed record AppointmentHolder(string UserId, string LinkId, bool IsOrganizer = false)
{
    public bool Is(string userId, string linkId) => UserId == userId && LinkId == linkId;
}

/// <summary>
/// A meeting occurrence of the tenant: write-side state of an appointment stream. <c>MarkedPrivateBy</c>: the users whose
/// last mark made it private (absent, so none, in snapshots written before it existed). <c>Erased</c>: an admin erased
/// it; the appointment is a tombstone that no decision appends to again. One a privacy rule erased has no state.
/// </summary>
internal sealed record Appointment(
    string Id,
    string Title,
    When Start,
    When End,
    bool IsAllDay,
    string? Location,
    Participant? Organizer,
    IReadOnlyList<Attendee> Attendees,
    string? Description,
    bool IsCancelled,
    IReadOnlyList<AppointmentHolder> Holders,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Accounts,
    bool DescriptionTruncated = false,
    IReadOnlyList<string>? MarkedPrivateBy = null,
    bool Erased = false)
{
    /// <summary>
    /// The one evolve of an appointment stream: folds one event onto a state (null before it was scheduled). The recorders
    /// fold with it and Marten's inline snapshot (<see cref="AppointmentProjection"/>) calls it, so both hold the same state.
    /// </summary>
    public static Appointment? Fold(Appointment? state, object e) => (state, e) switch
    {
        (null, AppointmentScheduled x) => Scheduled(x),
        ({ Erased: true }, _) => state,
        (_, AppointmentErased { Final: true } x) => Tombstone(state, x.AppointmentKey),
        (not null, AppointmentRescheduled x) => state with { Start = x.Start, End = x.End, IsAllDay = x.IsAllDay },
        (not null, AppointmentDetailsChanged x) =>
            state with { Title = x.Title, Location = x.Location, Description = x.Description, DescriptionTruncated = x.DescriptionTruncated },
        (not null, AppointmentAttendeesChanged x) => state with { Organizer = x.Organizer, Attendees = x.Attendees },
        (not null, AppointmentCancelled) => state with { IsCancelled = true },
        (not null, AppointmentReinstated) => state with { IsCancelled = false },
        (not null, AppointmentHeld x) => state.Held(x),
        (not null, AppointmentReleased x) => state with { Holders = [.. state.Holders.Where(h => !h.Is(x.UserId, x.LinkId))] },
        (not null, AppointmentAccountMatched x) =>
            state with { Accounts = new Dictionary<string, IReadOnlyList<string>>(state.Accounts, StringComparer.Ordinal) { [x.AccountId] = x.MatchedContacts } },
        (not null, AppointmentAccountUnmatched x) =>
            state with { Accounts = state.Accounts.Where(a => a.Key != x.AccountId).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) },
        (not null, AppointmentMarkedPrivate x) => state with { MarkedPrivateBy = ItemMarks.Marked(state.MarkedPrivateBy, x.UserId, x.Private) },
        (not null, AppointmentErased) => null,
        _ => state,
    };

    /// <summary>
    /// What stays of an appointment an admin erased: its key and times (none when a rule had erased it already), and that
    /// it is erased.
    /// </summary>
    private static Appointment Tombstone(Appointment? state, string key) =>
        new(key, string.Empty, state?.Start ?? new When(null, null), state?.End ?? new When(null, null), state?.IsAllDay ?? false, null, null, [], null,
            state?.IsCancelled ?? false, [], new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), false, null, Erased: true);

    public bool IsHeldBy(string userId) => Holders.Any(h => h.UserId == userId);

    public bool IsMarkedPrivateBy(string userId) => MarkedPrivateBy?.Contains(userId, StringComparer.Ordinal) ?? false;

    private static Appointment Scheduled(AppointmentScheduled e) =>
        new(e.AppointmentKey, e.Title, e.Start, e.End, e.IsAllDay, e.Location, e.Organizer, e.Attendees, e.Description, false, [],
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), e.DescriptionTruncated);

    /// <summary>A calendar holds the meeting; held again, it is now known as the organizer's (its place in the order kept).</summary>
    private Appointment Held(AppointmentHeld e) => this with
    {
        Holders = IsHeldBy(e.UserId, e.LinkId)
            ? [.. Holders.Select(h => h.Is(e.UserId, e.LinkId) ? h with { IsOrganizer = h.IsOrganizer || e.IsOrganizer } : h)]
            : [.. Holders, new AppointmentHolder(e.UserId, e.LinkId, e.IsOrganizer)],
    };

    public bool IsHeldBy(string userId, string linkId) => Holders.Any(h => h.Is(userId, linkId));

    /// <summary>
    /// The calendar whose copy is the meeting's details: the first organizer's calendar that holds it, else the first
    /// calendar that still holds it (see ADR 0015).
    /// </summary>
    public AppointmentHolder? Authority() => Holders.FirstOrDefault(h => h.IsOrganizer) ?? (Holders.Count > 0 ? Holders[0] : null);
}

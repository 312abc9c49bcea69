using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Appointments;

/// <summary>A linked calendar holding the meeting; <c>IsOrganizer</c> when it is the organizer's own calendar.</summary>
internal sealed record CalendarHolder(string UserId, string LinkId, bool IsOrganizer = false)
{
    public bool Is(string userId, string linkId) => UserId == userId && LinkId == linkId;
}

/// <summary>A meeting occurrence of the tenant: write-side state of an appointment stream.</summary>
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
    IReadOnlyList<CalendarHolder> Holders,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Accounts,
    bool DescriptionTruncated = false)
{
    public static Appointment Create(AppointmentScheduled e) =>
        new(e.AppointmentKey, e.Title, e.Start, e.End, e.IsAllDay, e.Location, e.Organizer, e.Attendees, e.Description, false, [],
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), e.DescriptionTruncated);

    /// <summary>Folds one event onto a state (null before it was scheduled), as Marten does.</summary>
    public static Appointment? Fold(Appointment? state, object e) => (state, e) switch
    {
        (null, AppointmentScheduled x) => Create(x),
        (not null, AppointmentRescheduled x) => state.Apply(x),
        (not null, AppointmentDetailsChanged x) => state.Apply(x),
        (not null, AppointmentAttendeesChanged x) => state.Apply(x),
        (not null, AppointmentCancelled x) => state.Apply(x),
        (not null, AppointmentReinstated x) => state.Apply(x),
        (not null, AppointmentHeld x) => state.Apply(x),
        (not null, AppointmentReleased x) => state.Apply(x),
        (not null, AppointmentAccountMatched x) => state.Apply(x),
        (not null, AppointmentAccountUnmatched x) => state.Apply(x),
        _ => state,
    };

    public Appointment Apply(AppointmentRescheduled e) => this with { Start = e.Start, End = e.End, IsAllDay = e.IsAllDay };

    public Appointment Apply(AppointmentDetailsChanged e) =>
        this with { Title = e.Title, Location = e.Location, Description = e.Description, DescriptionTruncated = e.DescriptionTruncated };

    public Appointment Apply(AppointmentAttendeesChanged e) => this with { Organizer = e.Organizer, Attendees = e.Attendees };

    public Appointment Apply(AppointmentCancelled e) => this with { IsCancelled = true };

    public Appointment Apply(AppointmentReinstated e) => this with { IsCancelled = false };

    /// <summary>A calendar holds the meeting; held again, it is now known as the organizer's (its place in the order kept).</summary>
    public Appointment Apply(AppointmentHeld e) => this with
    {
        Holders = IsHeldBy(e.UserId, e.LinkId)
            ? [.. Holders.Select(h => h.Is(e.UserId, e.LinkId) ? h with { IsOrganizer = h.IsOrganizer || e.IsOrganizer } : h)]
            : [.. Holders, new CalendarHolder(e.UserId, e.LinkId, e.IsOrganizer)],
    };

    public Appointment Apply(AppointmentReleased e) => this with { Holders = [.. Holders.Where(h => !h.Is(e.UserId, e.LinkId))] };

    public bool IsHeldBy(string userId, string linkId) => Holders.Any(h => h.Is(userId, linkId));

    /// <summary>
    /// The calendar whose copy is the meeting's details: the first organizer's calendar that holds it, else the first
    /// calendar that still holds it (see ADR 0015).
    /// </summary>
    public CalendarHolder? Authority() => Holders.FirstOrDefault(h => h.IsOrganizer) ?? (Holders.Count > 0 ? Holders[0] : null);

    public Appointment Apply(AppointmentAccountMatched e) =>
        this with { Accounts = new Dictionary<string, IReadOnlyList<string>>(Accounts, StringComparer.Ordinal) { [e.AccountId] = e.MatchedContacts } };

    public Appointment Apply(AppointmentAccountUnmatched e) =>
        this with { Accounts = Accounts.Where(a => a.Key != e.AccountId).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) };
}

using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Appointments;

internal sealed record AppointmentScheduled(
    string AppointmentKey, string Title, When Start, When End, bool IsAllDay, string? Location,
    Participant? Organizer, IReadOnlyList<Attendee> Attendees, string? Description, DateTimeOffset At);

internal sealed record AppointmentRescheduled(string AppointmentKey, When Start, When End, bool IsAllDay, DateTimeOffset At);

internal sealed record AppointmentDetailsChanged(string AppointmentKey, string Title, string? Location, string? Description, DateTimeOffset At);

internal sealed record AppointmentAttendeesChanged(string AppointmentKey, Participant? Organizer, IReadOnlyList<Attendee> Attendees, DateTimeOffset At);

internal sealed record AppointmentCancelled(string AppointmentKey, DateTimeOffset At);

/// <summary>A cancelled meeting that the organizer put back.</summary>
internal sealed record AppointmentReinstated(string AppointmentKey, DateTimeOffset At);

internal sealed record AppointmentHeld(string AppointmentKey, string UserId, string LinkId, DateTimeOffset At);

internal sealed record AppointmentReleased(string AppointmentKey, string UserId, string LinkId, DateTimeOffset At);

internal sealed record AppointmentAccountMatched(string AppointmentKey, string AccountId, IReadOnlyList<string> MatchedContacts, DateTimeOffset At);

internal sealed record AppointmentAccountUnmatched(string AppointmentKey, string AccountId, DateTimeOffset At);

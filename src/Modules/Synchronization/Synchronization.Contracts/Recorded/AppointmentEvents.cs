namespace NavusoftSync.Synchronization.Contracts.Recorded;

/// <param name="DescriptionTruncated">The description was longer than is kept and was cut (absent, so false, in events recorded before it existed).</param>
public sealed record AppointmentScheduled(
    string AppointmentKey, string Title, When Start, When End, bool IsAllDay, string? Location,
    Participant? Organizer, IReadOnlyList<Attendee> Attendees, string? Description, DateTimeOffset At, bool DescriptionTruncated = false);

public sealed record AppointmentRescheduled(string AppointmentKey, When Start, When End, bool IsAllDay, DateTimeOffset At);

public sealed record AppointmentDetailsChanged(
    string AppointmentKey, string Title, string? Location, string? Description, DateTimeOffset At, bool DescriptionTruncated = false);

public sealed record AppointmentAttendeesChanged(string AppointmentKey, Participant? Organizer, IReadOnlyList<Attendee> Attendees, DateTimeOffset At);

public sealed record AppointmentCancelled(string AppointmentKey, DateTimeOffset At);

/// <summary>A cancelled meeting that the organizer put back.</summary>
public sealed record AppointmentReinstated(string AppointmentKey, DateTimeOffset At);

/// <param name="IsOrganizer">The calendar is the organizer's own (its mailbox is the organizer named in its copy): its copy is the meeting's details.</param>
public sealed record AppointmentHeld(string AppointmentKey, string UserId, string LinkId, DateTimeOffset At, bool IsOrganizer = false);

public sealed record AppointmentReleased(string AppointmentKey, string UserId, string LinkId, DateTimeOffset At);

public sealed record AppointmentAccountMatched(string AppointmentKey, string AccountId, IReadOnlyList<string> MatchedContacts, DateTimeOffset At);

public sealed record AppointmentAccountUnmatched(string AppointmentKey, string AccountId, DateTimeOffset At);

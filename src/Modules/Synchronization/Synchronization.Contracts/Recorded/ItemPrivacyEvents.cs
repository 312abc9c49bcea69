namespace NavusoftSync.Synchronization.Contracts.Recorded;

/// <summary>A user whose mailbox holds the thread marked it private (or not): others see it only as "Private email".</summary>
public sealed record ThreadMarkedPrivate(string ThreadKey, string UserId, bool Private, DateTimeOffset At);

/// <summary>
/// The thread's content was erased from the event store (its recorded events masked) and it left every calendar.
/// <c>Final</c>: an admin erased it, and it is never recorded again; otherwise a privacy rule took it off (policy), and
/// it comes back if a looser rule makes it qualify again. <c>ErasedBy</c> is a user id (or <c>system:privacy</c>).
/// </summary>
public sealed record ThreadErased(string ThreadKey, string ErasedBy, string Reason, bool Final, DateTimeOffset At);

/// <summary>A user whose calendar holds the appointment marked it private (or not).</summary>
public sealed record AppointmentMarkedPrivate(string AppointmentKey, string UserId, bool Private, DateTimeOffset At);

/// <summary>The appointment's content was erased from the event store; see <see cref="ThreadErased"/>.</summary>
public sealed record AppointmentErased(string AppointmentKey, string ErasedBy, string Reason, bool Final, DateTimeOffset At);

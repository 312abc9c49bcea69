namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>A calendar event (a single event or, with <see cref="Recurrence"/>, a series).</summary>
public sealed record ScenarioEvent
{
    /// <summary>The provider id; generated in the provider's style when absent.</summary>
    public string? Id { get; init; }

    /// <summary>The iCalendar UID shared by every copy of the meeting; generated when absent.</summary>
    public string? ICalUId { get; init; }

    public required string Subject { get; init; }

    public string? Body { get; init; }

    public string? Location { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>The event's time zone (IANA or Windows id); the mailbox's zone when absent.</summary>
    public string? TimeZone { get; init; }

    /// <summary>An all-day event spans whole dates: <see cref="Start"/> and <see cref="End"/> (exclusive) are read as dates.</summary>
    public bool IsAllDay { get; init; }

    /// <summary>The organizer; the mailbox owner when absent.</summary>
    public SandboxAddress? Organizer { get; init; }

    public IReadOnlyList<ScenarioAttendee> Attendees { get; init; } = [];

    /// <summary>A cancelled meeting stays in the calendar flagged cancelled (Graph <c>isCancelled</c>, Google <c>status: cancelled</c>).</summary>
    public bool IsCancelled { get; init; }

    public bool IsTentative { get; init; }

    public ScenarioRecurrence? Recurrence { get; init; }

    /// <summary>
    /// Test aid for hostile input: top-level properties that replace (or add to) the rendered event in every answer
    /// (an <c>end</c> before its <c>start</c>, an odd <c>attendees</c> list); a JSON null removes the property. Windows
    /// and cursors still follow <see cref="Start"/> and <see cref="End"/>.
    /// </summary>
    public System.Text.Json.Nodes.JsonObject? WireOverrides { get; init; }
}

using System.Collections.Immutable;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.State.Events;

/// <summary>A single event or a series master as the sandbox holds it. All-day events keep dates as midnight UTC.</summary>
internal sealed record StoredEvent
{
    public required string Id { get; init; }

    public required string ICalUId { get; init; }

    public required string Subject { get; init; }

    public required string BodyText { get; init; }

    public string? Location { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>The zone as given (IANA or Windows id).</summary>
    public required string TimeZone { get; init; }

    public bool IsAllDay { get; init; }

    public required SandboxAddress Organizer { get; init; }

    public required IReadOnlyList<ScenarioAttendee> Attendees { get; init; }

    public bool IsCancelled { get; init; }

    public bool IsTentative { get; init; }

    public ScenarioRecurrence? Recurrence { get; init; }

    /// <summary>Properties laid over every rendering (<see cref="ScenarioEvent.WireOverrides"/>).</summary>
    public System.Text.Json.Nodes.JsonObject? WireOverrides { get; init; }

    /// <summary>Original starts of the occurrences cancelled (or deleted) one by one.</summary>
    public ImmutableHashSet<DateTimeOffset> CancelledOccurrences { get; init; } = [];

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    public int Sequence { get; init; }

    public required long CreatedVersion { get; init; }

    public required long Version { get; init; }

    public bool IsDeleted { get; init; }

    public bool IsSeries => Recurrence is not null;

    public TimeSpan Duration => End - Start;
}

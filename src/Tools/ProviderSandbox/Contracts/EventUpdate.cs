namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>A partial update of an event: every property left null keeps its value.</summary>
public sealed record EventUpdate
{
    public string? Subject { get; init; }

    public string? Body { get; init; }

    public string? Location { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public string? TimeZone { get; init; }

    public bool? IsAllDay { get; init; }

    public IReadOnlyList<ScenarioAttendee>? Attendees { get; init; }

    public ScenarioRecurrence? Recurrence { get; init; }
}

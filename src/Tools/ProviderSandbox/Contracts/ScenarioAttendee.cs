namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

public sealed record ScenarioAttendee
{
    public required string Address { get; init; }

    public string? Name { get; init; }

    public AttendeeType Type { get; init; } = AttendeeType.Required;

    public AttendeeResponse Response { get; init; } = AttendeeResponse.None;
}

/// <summary>Graph's attendee types; Google marks <see cref="Optional"/> attendees <c>optional: true</c>.</summary>
public enum AttendeeType
{
    Required,
    Optional,
    Resource,
}

/// <summary>Graph's response values; Google maps them to needsAction / accepted / declined / tentative.</summary>
public enum AttendeeResponse
{
    None,
    Organizer,
    TentativelyAccepted,
    Accepted,
    Declined,
    NotResponded,
}

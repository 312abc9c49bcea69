namespace NavusoftSync.Synchronization.Contracts.Recorded;

/// <summary>A name and address as the provider gave them (the address is not normalized).</summary>
public sealed record Participant(string? Name, string Address);

/// <summary>An attendee and their answer: <c>accepted</c>, <c>declined</c>, <c>tentative</c>, <c>none</c>.</summary>
public sealed record Attendee(string? Name, string Address, string Response);

/// <summary>A date-or-instant: all-day appointments are dates, never instants.</summary>
public sealed record When(DateTimeOffset? Instant, DateOnly? Date)
{
    public static When At(DateTimeOffset instant) => new(instant, null);

    public static When On(DateOnly date) => new(null, date);
}

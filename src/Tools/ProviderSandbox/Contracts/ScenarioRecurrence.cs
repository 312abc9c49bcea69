namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>
/// A simple recurrence: every <see cref="Interval"/> days or weeks (on <see cref="DaysOfWeek"/>, the start's day by default),
/// ending after <see cref="Count"/> occurrences, on <see cref="Until"/> (inclusive), or never (expanded up to two years).
/// </summary>
public sealed record ScenarioRecurrence
{
    public required RecurrenceFrequency Frequency { get; init; }

    public int Interval { get; init; } = 1;

    public IReadOnlyList<DayOfWeek>? DaysOfWeek { get; init; }

    public int? Count { get; init; }

    public DateOnly? Until { get; init; }
}

public enum RecurrenceFrequency
{
    Daily,
    Weekly,
}

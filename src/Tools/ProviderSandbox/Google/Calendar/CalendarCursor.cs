namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar;

/// <summary>
/// What a Calendar <c>pageToken</c>/<c>syncToken</c> carries: the round's version range (<see cref="From"/>, <see cref="To"/>],
/// the keyset position, and the options of the round's first request.
/// </summary>
internal sealed record CalendarCursor
{
    public int Generation { get; init; }

    public bool Initial { get; init; }

    public long From { get; init; }

    public long To { get; init; }

    public bool SingleEvents { get; init; }

    public bool ShowDeleted { get; init; }

    public DateTimeOffset? TimeMin { get; init; }

    public DateTimeOffset? TimeMax { get; init; }

    public string? TimeZone { get; init; }

    public int PageSize { get; init; }

    public long? AfterKey { get; init; }

    public string? AfterId { get; init; }
}

namespace NavusoftSync.Synchronization.Providers.Google.Calendar;

/// <summary><c>events.list</c>'s parameters we use; with <see cref="SyncToken"/>, Google forbids <see cref="TimeMin"/>/<see cref="TimeMax"/>.</summary>
internal sealed record EventsListRequest
{
    public bool? SingleEvents { get; init; }

    public bool? ShowDeleted { get; init; }

    public DateTimeOffset? TimeMin { get; init; }

    public DateTimeOffset? TimeMax { get; init; }

    public int? MaxResults { get; init; }

    public string? PageToken { get; init; }

    public string? SyncToken { get; init; }
}

namespace NavusoftSync.Synchronization.Runs;

/// <summary>
/// What a person reads about a run: why it failed (the link's <c>lastSyncError</c>, the run's <c>error</c>) and why it
/// skipped an item (the run's <c>skipped[].reason</c>): what happened and what happens next, in words an office worker
/// knows. The technical cause (exception type, provider answer, database code) goes to the log line with the link id
/// and provider id, never into these sentences.
/// </summary>
internal static class RunSentences
{
    public const string Unexpected =
        "The sync stopped on a problem on our side; it starts again at the next run. If this keeps happening, tell your Navusoft administrator.";

    public const string WriteRace =
        "Another person's sync was saving the same email or appointment at the same moment; the next run picks up where this one left off.";

    /// <summary>An item the provider sent in a shape the reader could not read (<see cref="Providers.MalformedItem"/>).</summary>
    public const string Unreadable =
        "The provider sent this item in a form we could not read, so it was left out; the other items were synced.";

    /// <summary>An item the store refused as it is (text or sizes it cannot hold: <see cref="ItemFailures"/>).</summary>
    public const string NotStorable =
        "This item holds text or sizes we cannot store, so it was left out; the other items were synced.";

    /// <summary>An item whose recording failed on its own for another reason (<see cref="ItemFailures"/>).</summary>
    public const string NotRecorded =
        "This item could not be saved because of a problem on our side, so it was left out; the other items were synced. " +
        "If this keeps happening, tell your Navusoft administrator.";

    /// <summary>The provider kept failing (throttling, outages, answers that could not be read) after the retries.</summary>
    public static string ProviderUnavailable(string provider) =>
        $"{NameOf(provider)} did not answer as expected, so the sync stopped; it starts again at the next run, where this one left off. " +
        "If this keeps happening, tell your Navusoft administrator.";

    /// <summary>How a person knows the provider: the link's provider id in the words of the provider list.</summary>
    internal static string NameOf(string provider) => provider switch
    {
        "microsoft" => "Microsoft 365",
        "google" => "Google",
        _ => "Your mail server",
    };
}

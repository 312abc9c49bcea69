namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>The Graph endpoint and the app's client id, from <c>Providers:Microsoft</c> (the Linking module binds the OAuth keys of the same section).</summary>
internal sealed class MicrosoftGraphOptions
{
    public const string SectionName = "Providers:Microsoft";

    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The app's client id (the Linking module uses it for OAuth): the push sweep leaves other apps' subscriptions alone.</summary>
    public string? ClientId { get; set; }
}

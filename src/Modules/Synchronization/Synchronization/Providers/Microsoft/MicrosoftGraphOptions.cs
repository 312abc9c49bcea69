namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>The Graph endpoint, from <c>Providers:Microsoft</c> (the Linking module binds the OAuth keys of the same section).</summary>
internal sealed class MicrosoftGraphOptions
{
    public const string SectionName = "Providers:Microsoft";

    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";
}

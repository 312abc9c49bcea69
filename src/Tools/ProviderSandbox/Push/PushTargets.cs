namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>What the sandbox accepts as a place to send notifications.</summary>
internal static class PushTargets
{
    /// <summary>An absolute http or https URL (the providers demand https; the sandbox accepts http for local receivers).</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

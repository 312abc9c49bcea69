namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>Adds <c>Prefer: IdType="ImmutableId"</c> to every Graph request, so stored ids survive moves between folders.</summary>
internal sealed class GraphPreferHandler : DelegatingHandler
{
    public const string ImmutableId = "IdType=\"ImmutableId\"";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.TryGetValues("Prefer", out var values) || !values.Any(v => v.Contains(ImmutableId, StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation("Prefer", ImmutableId);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

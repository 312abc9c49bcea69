using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>A POST the sandbox makes to a subscriber on behalf of a mailbox: its target, headers and body.</summary>
internal sealed record OutboundNotification(
    string Mailbox,
    PushDeliveryKind Kind,
    string Url,
    string Body,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers)
{
    public static OutboundNotification Json(string mailbox, PushDeliveryKind kind, string url, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(mailbox, kind, url, body, "application/json; charset=utf-8", headers ?? new Dictionary<string, string>());

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new StringContent(Body, System.Text.Encoding.UTF8),
        };
        request.Content.Headers.ContentType = ContentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}

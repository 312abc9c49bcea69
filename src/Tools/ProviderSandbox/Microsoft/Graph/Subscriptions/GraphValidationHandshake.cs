using System.Net.Http.Headers;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Push;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

/// <summary>
/// Graph's endpoint validation before a subscription exists: <c>POST {url}?validationToken={token}</c> with an empty
/// text/plain body, answered 200 <c>text/plain</c> with the decoded token as the body within 10 seconds. Not subject to
/// push faults.
/// </summary>
internal sealed class GraphValidationHandshake(PushHttp http, PushDeliveryLog log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<bool> ValidateAsync(string mailbox, string url, CancellationToken ct)
    {
        var token = $"Validation: Testing client application reachability for subscription Request-Id: {Guid.NewGuid()}";
        var target = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "validationToken=" + Uri.EscapeDataString(token);
        var notification = new OutboundNotification(mailbox, PushDeliveryKind.GraphValidation, target, string.Empty, "text/plain; charset=utf-8", new Dictionary<string, string>());
        try
        {
            using var request = notification.ToRequest();
            request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");
            var response = await http.SendAsync(request, Timeout, ct);
            var valid = response.Status == StatusCodes.Status200OK
                && string.Equals(response.MediaType, "text/plain", StringComparison.OrdinalIgnoreCase)
                && string.Equals(response.Body, token, StringComparison.Ordinal);
            log.Add(notification, new PushAttempt(response.Status, valid ? null : "The answer was not 200 text/plain with the validation token as its body."));
            return valid;
        }
        catch (Exception exception) when (!ct.IsCancellationRequested)
        {
            log.Add(notification, new PushAttempt(null, exception.GetType().Name + ": " + exception.Message));
            return false;
        }
    }
}

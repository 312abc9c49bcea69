using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

/// <summary>The body of <c>POST /subscriptions</c>, checked as Graph checks it before the validation handshake.</summary>
internal sealed record GraphSubscriptionRequest(
    string Resource,
    GraphSubscriptionTarget Target,
    string ChangeType,
    string NotificationUrl,
    string? LifecycleNotificationUrl,
    string? ClientState,
    DateTimeOffset ExpirationDateTime)
{
    private static readonly string[] ChangeTypes = ["created", "updated", "deleted"];

    public static (GraphSubscriptionRequest? Request, GraphRequestError? Error) Parse(JsonObject? body, MailboxIdentity owner, DateTimeOffset now)
    {
        if (body is null)
        {
            return (null, GraphRequestError.Invalid("The request body must be a subscription JSON object."));
        }

        var resource = RequestJson.Text(body, "resource");
        var match = GraphResources.Parse(resource, owner);
        if (match.IsOtherUser)
        {
            return (null, new GraphRequestError(StatusCodes.Status403Forbidden, "ErrorAccessDenied", "Access is denied. Check credentials and try again."));
        }

        var changeType = RequestJson.Text(body, "changeType") ?? string.Empty;
        var notificationUrl = RequestJson.Text(body, "notificationUrl");
        var lifecycleUrl = RequestJson.Text(body, "lifecycleNotificationUrl");
        var error = match.Target is null ? GraphRequestError.Invalid($"Resource '{resource}' is not supported for change notifications.")
            : !ValidChangeType(changeType) ? GraphRequestError.Invalid("Invalid 'changeType' attribute: '" + changeType + "'.")
            : !PushTargets.IsHttpUrl(notificationUrl) ? GraphRequestError.Invalid("Invalid 'notificationUrl' attribute: an absolute http(s) URL is required.")
            : lifecycleUrl is not null && !PushTargets.IsHttpUrl(lifecycleUrl) ? GraphRequestError.Invalid("Invalid 'lifecycleNotificationUrl' attribute: an absolute http(s) URL is required.")
            : GraphSubscriptionLifetime.Check(Instant(body), now);
        return error is not null
            ? (null, error)
            : (new GraphSubscriptionRequest(resource!, match.Target!, changeType, notificationUrl!, lifecycleUrl, RequestJson.Text(body, "clientState"), Instant(body)!.Value), null);
    }

    public static DateTimeOffset? Instant(JsonObject body) =>
        DateTimeOffset.TryParse(RequestJson.Text(body, "expirationDateTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;

    private static bool ValidChangeType(string changeType)
    {
        var parts = changeType.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length > 0 && parts.All(p => ChangeTypes.Contains(p, StringComparer.OrdinalIgnoreCase));
    }
}

/// <summary>A Graph error answer: status, code and message.</summary>
internal sealed record GraphRequestError(int Status, string Code, string Message)
{
    public static GraphRequestError Invalid(string message) => new(StatusCodes.Status400BadRequest, "InvalidRequest", message);
}

/// <summary>Outlook resources live at most 10,070 minutes; an expiration in the past is refused too.</summary>
internal static class GraphSubscriptionLifetime
{
    public const int MaxMinutes = 10_070;

    public static GraphRequestError? Check(DateTimeOffset? expiration, DateTimeOffset now) => expiration switch
    {
        null => GraphRequestError.Invalid("expirationDateTime is a required property for subscription creation."),
        { } at when at <= now => GraphRequestError.Invalid("Subscription expiration time must be in the future."),
        { } at when at - now > TimeSpan.FromMinutes(MaxMinutes) => new GraphRequestError(
            StatusCodes.Status400BadRequest, "ExtensionError", $"Subscription expiration can only be {MaxMinutes} minutes in the future."),
        _ => null,
    };
}

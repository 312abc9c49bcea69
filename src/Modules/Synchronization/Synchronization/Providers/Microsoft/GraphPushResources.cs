using NavusoftSync.Synchronization.Push;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// What a link's Graph subscriptions watch and where their notifications go: the inbox's and the sent items' messages
/// and the user's events, each with every change type, notified at <c>{WebhookBase}/api/webhooks/microsoft</c> and, for
/// lifecycle events, at <c>…/microsoft/lifecycle</c> (Graph takes the lifecycle URL only at creation).
/// </summary>
internal static class GraphPushResources
{
    public const string ChangeTypes = "created,updated,deleted";

    public const string NotificationPath = "/api/webhooks/microsoft";

    public const string LifecyclePath = "/api/webhooks/microsoft/lifecycle";

    public static readonly IReadOnlySet<PushResource> All = new HashSet<PushResource> { PushResource.GraphInbox, PushResource.GraphSent, PushResource.GraphEvents };

    public static string PathOf(PushResource resource) => resource switch
    {
        PushResource.GraphInbox => "me/mailFolders('inbox')/messages",
        PushResource.GraphSent => "me/mailFolders('sentitems')/messages",
        PushResource.GraphEvents => "me/events",
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "Not a Graph resource."),
    };

    public static string NotificationUrl(string webhookBase) => webhookBase + NotificationPath;

    public static string LifecycleUrl(string webhookBase) => webhookBase + LifecyclePath;

    /// <summary>Whether a subscription's notification URL is this host's (compared whole, so another host whose URL merely starts with ours is never matched).</summary>
    public static bool IsOurs(string? notificationUrl, string webhookBase) =>
        notificationUrl is not null && string.Equals(notificationUrl.TrimEnd('/'), NotificationUrl(webhookBase), StringComparison.OrdinalIgnoreCase);
}

using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// A <see cref="SyncWorld"/> with push on, as production runs it: the scheduler on, the webhooks at the host (the
/// sandbox's notifications reach the in-memory test server through its handler), Gmail's topic pushed to the host by the
/// sandbox's Pub/Sub with OIDC tokens signed by the key its JWKS publishes. Polling is hourly unless a test says
/// otherwise, so what reaches a calendar within seconds came by push.
/// </summary>
internal static class PushWorlds
{
    public const string Topic = "projects/navusoft-test/topics/gmail";
    public const string Audience = NavusoftApp.TestServerBaseUrl + "/api/webhooks/google/gmail";
    public const string ServiceAccount = "gmail-push@navusoft-test.iam.gserviceaccount.com";

    public static async Task<SyncWorld> StartAsync(string tenant, int fallbackSeconds = 3600, int upkeepSeconds = 3600)
    {
        var world = await SyncWorld.StartAsync(tenant, Settings(NavusoftApp.TestServerBaseUrl, fallbackSeconds, upkeepSeconds));
        world.Sandbox.Options.PushHandler = () => world.App.Server.CreateHandler();
        await world.Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription { Topic = Topic, PushEndpoint = Audience, Audience = Audience, ServiceAccountEmail = ServiceAccount });
        return world;
    }

    /// <summary>The push settings of a host whose webhooks are at <paramref name="webhookBase"/>.</summary>
    public static Dictionary<string, string?> Settings(string webhookBase, int fallbackSeconds, int upkeepSeconds) => new()
    {
        ["Quartz:Enabled"] = "true",
        ["Sync:IntervalSeconds"] = "3600",
        ["Sync:FallbackIntervalSeconds"] = fallbackSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sync:PushUpkeepSeconds"] = upkeepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Links:WebhookBaseUrl"] = webhookBase,
        ["Providers:Google:PubSubTopic"] = Topic,
        ["Providers:Google:PubSubAudience"] = webhookBase + "/api/webhooks/google/gmail",
        ["Providers:Google:PubSubServiceAccount"] = ServiceAccount,
    };
}

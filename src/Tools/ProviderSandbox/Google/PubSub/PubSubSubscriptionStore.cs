using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.PubSub;

/// <summary>The registered push subscriptions, several per topic allowed.</summary>
internal sealed class PubSubSubscriptionStore
{
    private readonly Lock _gate = new();
    private readonly List<PubSubPushSubscription> _subscriptions = [];

    public PubSubPushSubscription Add(PubSubPushSubscription subscription)
    {
        if (!GmailTopic.IsValid(subscription.Topic))
        {
            throw SandboxRequestException.Invalid($"'{subscription.Topic}' is not a topic name (projects/{{project}}/topics/{{topic}}).");
        }

        if (!PushTargets.IsHttpUrl(subscription.PushEndpoint))
        {
            throw SandboxRequestException.Invalid($"'{subscription.PushEndpoint}' is not an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(subscription.ServiceAccountEmail))
        {
            throw SandboxRequestException.Invalid("A push subscription needs the service account its tokens are signed as.");
        }

        lock (_gate)
        {
            var named = subscription with
            {
                Audience = string.IsNullOrWhiteSpace(subscription.Audience) ? subscription.PushEndpoint : subscription.Audience,
                Name = string.IsNullOrWhiteSpace(subscription.Name) ? "push-" + (_subscriptions.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : subscription.Name,
            };
            _subscriptions.Add(named);
            return named;
        }
    }

    public IReadOnlyList<PubSubPushSubscription> Of(string topic)
    {
        lock (_gate)
        {
            return [.. _subscriptions.Where(s => s.Topic.Equals(topic, StringComparison.Ordinal))];
        }
    }

    public IReadOnlyList<PubSubPushSubscription> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscriptions];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _subscriptions.Clear();
        }
    }
}

/// <summary>A Pub/Sub topic name: <c>projects/{project}/topics/{topic}</c>.</summary>
internal static partial class GmailTopic
{
    public static bool IsValid(string? name) => name is not null && Shape().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex(@"^projects/[^/\s]+/topics/[^/\s]+$")]
    private static partial System.Text.RegularExpressions.Regex Shape();
}

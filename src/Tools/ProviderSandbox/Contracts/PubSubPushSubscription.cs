namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>
/// A simulated Cloud Pub/Sub push subscription: messages published to <see cref="Topic"/> (a Gmail watch's topicName) are
/// POSTed to <see cref="PushEndpoint"/> with an OIDC token for <see cref="Audience"/> signed as <see cref="ServiceAccountEmail"/>.
/// </summary>
public sealed record PubSubPushSubscription
{
    /// <summary><c>projects/{project}/topics/{topic}</c>.</summary>
    public required string Topic { get; init; }

    public required string PushEndpoint { get; init; }

    /// <summary>The token's <c>aud</c>; Pub/Sub defaults it to the push endpoint.</summary>
    public string? Audience { get; init; }

    public required string ServiceAccountEmail { get; init; }

    /// <summary>The subscription's short name (<c>projects/sandbox/subscriptions/{name}</c>); generated when absent.</summary>
    public string? Name { get; init; }
}

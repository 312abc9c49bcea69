using System.Text.Json.Serialization;

namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>What an outbound call of the sandbox carried.</summary>
public enum PushDeliveryKind
{
    /// <summary>A Graph change notification to a subscription's <c>notificationUrl</c>.</summary>
    Graph,

    /// <summary>A Graph lifecycle notification to a subscription's <c>lifecycleNotificationUrl</c>.</summary>
    GraphLifecycle,

    /// <summary>The <c>validationToken</c> handshake of a Graph subscription being created.</summary>
    GraphValidation,

    /// <summary>A Cloud Pub/Sub push of a Gmail notification.</summary>
    [JsonStringEnumMemberName("pubsub")]
    PubSub,

    /// <summary>A Google Calendar channel notification.</summary>
    Calendar,
}

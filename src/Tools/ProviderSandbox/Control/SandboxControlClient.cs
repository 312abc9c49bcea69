using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Json;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>
/// A typed client of the control API (<c>/_sandbox</c>). <see cref="Hosting.SandboxHost.Control"/> is one; for a standalone
/// sandbox, pass an <see cref="HttpClient"/> whose BaseAddress is the sandbox's base URL.
/// </summary>
public sealed class SandboxControlClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly JsonSerializerOptions _json = SandboxJson.Create(TimeProvider.System);

    public SandboxControlClient(HttpClient http)
        : this(http, ownsClient: false)
    {
    }

    internal SandboxControlClient(HttpClient http, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress (the sandbox base URL).", nameof(http));
        }

        _http = http;
        _ownsClient = ownsClient;
    }

    /// <summary>Forgets every mailbox, token, fault, logged request and all push state (the Pub/Sub signing keys stay).</summary>
    public Task ResetAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Post, "reset", null, ct);

    /// <summary>Loads a scenario, by default after a reset.</summary>
    public Task<IReadOnlyList<MailboxInfo>> LoadScenarioAsync(SandboxScenario scenario, bool reset = true, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<MailboxInfo>>(HttpMethod.Post, $"scenario?reset={(reset ? "true" : "false")}", scenario, ct);

    public Task<MailboxSnapshot> AddMailboxAsync(ScenarioMailbox mailbox, CancellationToken ct = default) =>
        SendAsync<MailboxSnapshot>(HttpMethod.Post, "mailboxes", mailbox, ct);

    public Task<IReadOnlyList<MailboxInfo>> GetMailboxesAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<MailboxInfo>>(HttpMethod.Get, "mailboxes", null, ct);

    public Task<MailboxSnapshot> GetMailboxAsync(string email, CancellationToken ct = default) =>
        SendAsync<MailboxSnapshot>(HttpMethod.Get, Mailbox(email), null, ct);

    public Task DeleteMailboxAsync(string email, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, Mailbox(email), null, ct);

    public Task<MessageSummary> AddMessageAsync(string email, ScenarioMessage message, CancellationToken ct = default) =>
        SendAsync<MessageSummary>(HttpMethod.Post, Mailbox(email) + "/messages", message, ct);

    /// <summary>Adds many messages in one mutation (each needs a <see cref="ScenarioMessage.Thread"/> key); for large mailboxes.</summary>
    public Task AddMessagesAsync(string email, IReadOnlyList<ScenarioMessage> messages, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, Mailbox(email) + "/messages/bulk", messages, ct);

    /// <summary>Deletes a message; <paramref name="soft"/> = moved to Deleted Items (Graph reports reason <c>changed</c>).</summary>
    public Task DeleteMessageAsync(string email, string messageId, bool soft = false, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{Mailbox(email)}/messages/{Uri.EscapeDataString(messageId)}?soft={(soft ? "true" : "false")}", null, ct);

    public Task<EventSummary> AddEventAsync(string email, ScenarioEvent calendarEvent, CancellationToken ct = default) =>
        SendAsync<EventSummary>(HttpMethod.Post, Mailbox(email) + "/events", calendarEvent, ct);

    public Task<EventSummary> UpdateEventAsync(string email, string eventId, EventUpdate update, CancellationToken ct = default) =>
        SendAsync<EventSummary>(HttpMethod.Patch, $"{Mailbox(email)}/events/{Uri.EscapeDataString(eventId)}", update, ct);

    /// <summary>Cancels a meeting (kept, flagged cancelled) or, given an occurrence id, that one occurrence.</summary>
    public Task<EventSummary> CancelEventAsync(string email, string eventId, CancellationToken ct = default) =>
        SendAsync<EventSummary>(HttpMethod.Post, $"{Mailbox(email)}/events/{Uri.EscapeDataString(eventId)}/cancel", null, ct);

    public Task DeleteEventAsync(string email, string eventId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{Mailbox(email)}/events/{Uri.EscapeDataString(eventId)}", null, ct);

    /// <summary>Issues an access and a refresh token for the mailbox without the browser leg.</summary>
    public Task<IssuedTokens> IssueTokensAsync(string email, IssueTokensRequest? request = null, CancellationToken ct = default) =>
        SendAsync<IssuedTokens>(HttpMethod.Post, Mailbox(email) + "/tokens", request ?? new IssueTokensRequest(), ct);

    public Task ExpireAccessTokensAsync(string email, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, Mailbox(email) + "/expire-access-tokens", null, ct);

    public Task RevokeTokensAsync(string email, CancellationToken ct = default) => SendAsync(HttpMethod.Post, Mailbox(email) + "/revoke", null, ct);

    /// <summary>Expires the mailbox's delta/history/sync cursors; <paramref name="pathPrefix"/> (an API base) limits which.</summary>
    public Task ExpireCursorsAsync(string email, string? pathPrefix = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, Mailbox(email) + "/expire-cursors" + (pathPrefix is null ? string.Empty : "?pathPrefix=" + Uri.EscapeDataString(pathPrefix)), null, ct);

    /// <summary>Makes authorize requests without a login_hint sign this mailbox in.</summary>
    public Task SetConsentDefaultAsync(SandboxProvider provider, string email, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"consent/{provider.ToString().ToLowerInvariant()}?email={Uri.EscapeDataString(email)}", null, ct);

    public Task<FaultCreated> AddFaultAsync(FaultSpec fault, CancellationToken ct = default) =>
        SendAsync<FaultCreated>(HttpMethod.Post, "faults", fault, ct);

    public Task<IReadOnlyList<FaultCreated>> GetFaultsAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<FaultCreated>>(HttpMethod.Get, "faults", null, ct);

    public Task ClearFaultsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "faults", null, ct);

    /// <summary>The logged requests, optionally filtered (all criteria must hold).</summary>
    public Task<IReadOnlyList<RequestLogEntry>> GetRequestsAsync(
        string? mailbox = null, string? api = null, string? method = null, string? pathPrefix = null, long? afterSequence = null, CancellationToken ct = default)
    {
        var query = new List<string>();
        Add(query, "mailbox", mailbox);
        Add(query, "api", api);
        Add(query, "method", method);
        Add(query, "pathPrefix", pathPrefix);
        Add(query, "afterSequence", afterSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return SendAsync<IReadOnlyList<RequestLogEntry>>(HttpMethod.Get, "requests" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query)), null, ct);
    }

    public Task ClearRequestsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "requests", null, ct);

    /// <summary>Live Graph subscriptions, Gmail watches and Calendar channels, and every outbound delivery attempt.</summary>
    public Task<PushStateSnapshot> GetPushStateAsync(CancellationToken ct = default) =>
        SendAsync<PushStateSnapshot>(HttpMethod.Get, "push/state", null, ct);

    /// <summary>Registers a Pub/Sub push subscription on a topic (several per topic allowed); answers it with its name and audience filled in.</summary>
    public Task<PubSubPushSubscription> AddPubSubSubscriptionAsync(PubSubPushSubscription subscription, CancellationToken ct = default) =>
        SendAsync<PubSubPushSubscription>(HttpMethod.Post, "pubsub/subscriptions", subscription, ct);

    public Task<IReadOnlyList<PubSubPushSubscription>> GetPubSubSubscriptionsAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<PubSubPushSubscription>>(HttpMethod.Get, "pubsub/subscriptions", null, ct);

    public Task ClearPubSubSubscriptionsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "pubsub/subscriptions", null, ct);

    /// <summary>A new key signs Pub/Sub push tokens from now on; the JWKS lists it and the previous one.</summary>
    public Task<PubSubKeyRotated> RotatePubSubKeyAsync(CancellationToken ct = default) =>
        SendAsync<PubSubKeyRotated>(HttpMethod.Post, "pubsub/rotate-key", null, ct);

    /// <summary>Drops, delays or duplicates the mailbox's next notifications (any kind except the Graph validation handshake).</summary>
    public Task QueuePushFaultAsync(PushFaultSpec fault, CancellationToken ct = default) => SendAsync(HttpMethod.Post, "push/faults", fault, ct);

    public Task ClearPushFaultsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "push/faults", null, ct);

    /// <summary>Sends a Graph lifecycle notification for a live subscription; <see cref="GraphLifecycleEvent.SubscriptionRemoved"/> also deletes it.</summary>
    public Task SendLifecycleAsync(string subscriptionId, GraphLifecycleEvent lifecycleEvent, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "push/lifecycle", new GraphLifecycleRequest(subscriptionId, lifecycleEvent), ct);

    /// <summary>Expires now a Graph subscription or a Calendar channel (by id), or a Gmail watch (id = the mailbox address).</summary>
    public Task ExpirePushAsync(string id, CancellationToken ct = default) => SendAsync(HttpMethod.Post, "push/expire", new PushExpireRequest(id), ct);

    /// <summary>Applies a realism profile and overrides (<c>PUT /_sandbox/realism</c>); answers the settings in force and the counters.</summary>
    public Task<RealismStatus> SetRealismAsync(RealismUpdate update, CancellationToken ct = default) =>
        SendAsync<RealismStatus>(HttpMethod.Put, "realism", update, ct);

    /// <summary>The realism settings in force and the counters per provider and per mailbox.</summary>
    public Task<RealismStatus> GetRealismAsync(CancellationToken ct = default) => SendAsync<RealismStatus>(HttpMethod.Get, "realism", null, ct);

    public Task ResetRealismCountersAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "realism/counters", null, ct);

    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private static string Mailbox(string email) => "mailboxes/" + Uri.EscapeDataString(email);

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendCoreAsync(method, path, body, ct);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendCoreAsync(method, path, body, ct);
        return await response.Content.ReadFromJsonAsync<T>(_json, ct)
            ?? throw new InvalidOperationException($"The sandbox answered {method} {path} with an empty body.");
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_http.BaseAddress!, "_sandbox/" + path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: _json);
        }

        var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"The sandbox answered {(int)status} to {method} /_sandbox/{path}: {detail}", null, status);
        }

        return response;
    }
}

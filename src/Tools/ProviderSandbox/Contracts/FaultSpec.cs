namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>
/// A fault for one mailbox. Request faults (<see cref="FaultKind.Throttle"/>, <see cref="FaultKind.ServerError"/>,
/// <see cref="FaultKind.ServiceUnavailable"/>) answer the next <see cref="Count"/> data API calls of that mailbox whose path
/// starts with <see cref="PathPrefix"/> (any data API path when absent; token endpoints only when the prefix names them).
/// <see cref="FaultKind.InvalidGrant"/> fails the next <see cref="Count"/> refresh-token grants. <see cref="FaultKind.CursorExpired"/>
/// and <see cref="FaultKind.ExpireAccessTokens"/> act at once. <see cref="FaultKind.OmitFromFeed"/> hides the message
/// <see cref="ItemId"/> (or, without it, the next <see cref="Count"/> messages added to the mailbox) from its change feeds
/// until the faults are cleared.
/// </summary>
public sealed record FaultSpec
{
    public required string Mailbox { get; init; }

    public required FaultKind Kind { get; init; }

    /// <summary>A request path prefix such as <c>/v1.0/me/calendarView</c>; for <see cref="FaultKind.CursorExpired"/>
    /// an API base (<c>/v1.0</c>, <c>/gmail/v1</c>, <c>/calendar/v3</c>) limits which cursors expire.</summary>
    public string? PathPrefix { get; init; }

    public int Count { get; init; } = 1;

    /// <summary>For <see cref="FaultKind.OmitFromFeed"/>: the message to hide; absent, the next <see cref="Count"/> messages added.</summary>
    public string? ItemId { get; init; }

    /// <summary>The Retry-After seconds of a throttled (or 503) answer.</summary>
    public int RetryAfterSeconds { get; init; } = 1;
}

public enum FaultKind
{
    /// <summary>429 with Retry-After: Graph <c>TooManyRequests</c>, Google <c>rateLimitExceeded</c> / <c>RESOURCE_EXHAUSTED</c>.</summary>
    Throttle,

    /// <summary>500: Graph <c>generalException</c>, Google <c>backendError</c> / <c>INTERNAL</c>.</summary>
    ServerError,

    /// <summary>503 with Retry-After: Graph <c>serviceNotAvailable</c>, Google <c>backendError</c> / <c>UNAVAILABLE</c>.</summary>
    ServiceUnavailable,

    /// <summary>
    /// 401 to a request whose token is still valid (as when the provider stops accepting a token early): Graph
    /// <c>InvalidAuthenticationToken</c>, Google <c>UNAUTHENTICATED</c>. A request fault, like the three above.
    /// </summary>
    Unauthorized,

    /// <summary>The next refresh-token grant answers 400 <c>invalid_grant</c>.</summary>
    InvalidGrant,

    /// <summary>Every delta/history/sync cursor issued so far becomes invalid (Graph 410, Gmail 404, Calendar 410).</summary>
    CursorExpired,

    /// <summary>Every access token issued so far for the mailbox expires now.</summary>
    ExpireAccessTokens,

    /// <summary>
    /// A message silently missing from the change feeds (Graph mail delta, Gmail history) while search, listings and gets
    /// still find it, as when a provider's delta drops an item.
    /// </summary>
    OmitFromFeed,
}

using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers;

/// <summary>
/// Where a link's mailbox is, how to authorize against it, and why and within what this read happens.
/// <see cref="GetAccessTokenAsync"/> returns a valid token (refreshing it when needed) or throws
/// <see cref="ReauthRequiredException"/>. <see cref="RejectAccessTokenAsync"/> is told of a token the provider
/// answered 401 to (revoked, or expired before its time): the next <see cref="GetAccessTokenAsync"/> refreshes
/// instead of answering it again.
/// </summary>
internal sealed record MailboxAccess(
    string LinkId,
    string Provider,
    string Address,
    Func<CancellationToken, ValueTask<string>> GetAccessTokenAsync,
    Func<string, CancellationToken, ValueTask> RejectAccessTokenAsync)
{
    /// <summary>What woke the run that reads the mailbox (its schedule, the user, a provider's change notification).</summary>
    public Runs.SyncTrigger WakeReason { get; init; } = Runs.SyncTrigger.Schedule;

    /// <summary>The requests this read may still send to the mailbox; every HTTP exchange spends one (<see cref="MailboxGateHandler"/>).</summary>
    public IRequestBudget Budget { get; init; } = RequestBudget.Unlimited;

    /// <summary>The provider answered 401 to a request: the bearer token it carried, if any, is reported rejected.</summary>
    public ValueTask UnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.Authorization is { Scheme: "Bearer", Parameter: { Length: > 0 } token }
            ? RejectAccessTokenAsync(token, cancellationToken)
            : ValueTask.CompletedTask;
}

/// <summary>The mail window: on a first (or full) sync, messages sent after <see cref="Since"/>.</summary>
internal sealed record MailWindow(DateTimeOffset Since)
{
    /// <summary>
    /// For a whole-window read by a reader that <see cref="IProviderReader.PlansFirstSync"/>: the tenant's contact
    /// addresses and the configured plan, read after the store's high-water mark; null otherwise (the reader scans).
    /// </summary>
    public Runs.Planning.FirstSyncContacts? Contacts { get; init; }
}

/// <summary>The calendar window [Start, End].</summary>
internal sealed record CalendarWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// One page of changes. <see cref="CursorAfter"/> is the cursor to persist once this page's items
/// are recorded — null on every page but the last of a round (a round resumes only from a
/// completed cursor: a Graph deltaLink, a Gmail historyId, a Calendar nextSyncToken, never a
/// nextLink or pageToken). Cursors are opaque strings to everything but the reader.
/// </summary>
internal sealed record ProviderPage<TItem>(
    IReadOnlyList<TItem> Items,
    IReadOnlyList<RemovedItem> Removed,
    IReadOnlyList<MalformedItem> Malformed,
    string? CursorAfter);

/// <summary>
/// Reads one provider's mailbox and calendar. Implementations honour 429/503 <c>Retry-After</c>
/// (bounded exponential backoff with jitter otherwise), never exceed the provider's per-mailbox
/// concurrency, and throw <see cref="CursorExpiredException"/> when the stored cursor is no longer
/// valid (the caller then starts a full round with a null cursor).
/// </summary>
internal interface IProviderReader
{
    /// <summary><c>microsoft</c> or <c>google</c>.</summary>
    string Provider { get; }

    /// <summary>
    /// Whether a whole-window mail read may search by the tenant's contact addresses instead of listing every message
    /// (<see cref="MailWindow.Contacts"/>): Gmail, whose listing costs a request per message. Graph's delta pages carry
    /// every message's metadata already, and IMAP fetches headers in bulk: they scan (docs/adr/0025).
    /// </summary>
    bool PlansFirstSync => false;

    /// <summary>Mail changes since <paramref name="cursor"/> (null: a full round over <paramref name="window"/>), inbox and sent.</summary>
    IAsyncEnumerable<ProviderPage<MailItem>> ReadMailAsync(MailboxAccess access, string? cursor, MailWindow window, CancellationToken cancellationToken);

    /// <summary>Calendar changes since <paramref name="cursor"/> (null: a full round over <paramref name="window"/>), occurrences expanded.</summary>
    IAsyncEnumerable<ProviderPage<CalendarItem>> ReadCalendarAsync(MailboxAccess access, string? cursor, CalendarWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// The plain-text bodies of the given (matched) messages, with their threading headers when the
    /// listing lacked them, keyed by provider id; missing ones are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, MessageContent>> ReadBodiesAsync(MailboxAccess access, IReadOnlyCollection<string> providerIds, CancellationToken cancellationToken);

    /// <summary>
    /// Look-back for addresses that just became contacts, in one provider search: messages of the
    /// last <paramref name="window"/> with any of the addresses in from/to/cc (Graph <c>$search</c>
    /// with OR, Gmail <c>q=</c> with OR). At most <see cref="SearchAddresses.MaxPerSearch"/> addresses.
    /// </summary>
    IAsyncEnumerable<ProviderPage<MailItem>> SearchMailAsync(MailboxAccess access, IReadOnlyCollection<string> addresses, MailWindow window, CancellationToken cancellationToken);
}

/// <summary>The stored cursor is no longer valid (Graph 410 syncStateNotFound/resyncRequired, Gmail history 404, Calendar 410 fullSyncRequired).</summary>
internal sealed class CursorExpiredException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The provider refused the link's credentials for good (invalid_grant): the link needs the user to link again.</summary>
internal sealed class ReauthRequiredException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The provider kept failing after retries (throttling, 5xx, network): the run fails and the cursor stays.</summary>
internal sealed class ProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

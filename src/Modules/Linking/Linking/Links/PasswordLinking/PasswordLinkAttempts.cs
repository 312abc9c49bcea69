using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;

namespace NavusoftSync.Linking.Links.PasswordLinking;

/// <summary>
/// The times a user's password link attempts reached mail servers within the last <see cref="PasswordLinkThrottle.Window"/>
/// (document id: the user id). Nothing else: no host, user name or outcome.
/// </summary>
public sealed record PasswordLinkAttempts(string Id, IReadOnlyList<DateTimeOffset> At);

/// <summary>Refused: the user made <see cref="PasswordLinkThrottle.MaxAttempts"/> attempts within the window; the next one is possible at <paramref name="RetryAt"/>.</summary>
internal sealed class TooManyLinkAttemptsException(DateTimeOffset retryAt)
    : Exception("Too many attempts to link a password mailbox; try again later.")
{
    public DateTimeOffset RetryAt { get; } = retryAt;
}

/// <summary>
/// Bounds the logins a user can make NavusoftSync try on third-party servers: at most <see cref="MaxAttempts"/> password link
/// attempts within <see cref="Window"/>, whatever their outcome, so the endpoint cannot be used to guess someone's password on a
/// mail server or to scan hosts and ports from our network. The attempt is recorded and committed in its own session before any
/// server is contacted, so a failing attempt counts too, and on every host (the count is in the database). Of two attempts
/// racing on the same document one fails its optimistic concurrency check and is refused like an attempt over the limit.
/// </summary>
internal sealed class PasswordLinkThrottle(IDocumentStore store, ITenantContext tenant, TimeProvider clock)
{
    public const int MaxAttempts = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public async Task AdmitAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession(tenant.TenantId);
        var previous = await session.LoadAsync<PasswordLinkAttempts>(userId, cancellationToken);
        var recent = Recent(previous, now);
        if (recent.Count >= MaxAttempts)
        {
            throw new TooManyLinkAttemptsException(recent.Min() + Window);
        }

        var attempts = new PasswordLinkAttempts(userId, [.. recent, now]);
        if (previous is null)
        {
            session.Insert(attempts);
        }
        else
        {
            session.Store(attempts);
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException)
        {
            throw new TooManyLinkAttemptsException(now + TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The attempts still inside the window ending at <paramref name="now"/>.</summary>
    internal static IReadOnlyList<DateTimeOffset> Recent(PasswordLinkAttempts? attempts, DateTimeOffset now) =>
        attempts is null ? [] : [.. attempts.At.Where(t => t > now - Window && t <= now)];
}

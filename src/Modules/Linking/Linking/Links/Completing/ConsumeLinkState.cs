using Marten;
using Mediator;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.Links.Starting;
using NavusoftSync.Linking.OAuth;

namespace NavusoftSync.Linking.Links.Completing;

internal enum StateRejection
{
    None,
    Unknown,
    ForeignUser,
    Unproven,
    WrongProvider,
    AlreadyUsed,
    Expired,
}

/// <summary>A consumed pending authorization: everything the code exchange needs. The verifier is never printed.</summary>
internal sealed record ConsumedAuthorization(string PendingId, string LinkRequestId, string UserId, string Provider, string CodeVerifier, string RedirectUri)
{
    public override string ToString() => $"ConsumedAuthorization {{ LinkRequestId = {LinkRequestId}, UserId = {UserId}, Provider = {Provider} }}";
}

internal sealed record ConsumeOutcome(ConsumedAuthorization? Authorization, StateRejection Rejection);

/// <summary>
/// First step of the callback, committed on its own before any call to the provider: the state is
/// used up whatever happens next — but only when the caller proves it is the one who started the
/// link. <paramref name="CallerUserId"/> is the bearer token's user when the callback carries one:
/// a state issued to someone else is refused. Without a token, <paramref name="PresentedBindingHash"/>
/// (the hash of the browser's binding cookie, if any) must match the request's. Either refusal
/// leaves the state untouched.
/// </summary>
internal sealed record ConsumeLinkState(string Provider, OAuthState State, string? CallerUserId, string? PresentedBindingHash) : ICommand<ConsumeOutcome>
{
    public override string ToString() => $"ConsumeLinkState {{ Provider = {Provider}, State = {State}, CallerUserId = {CallerUserId} }}";
}

internal enum PendingChange
{
    None,
    MarkConsumed,
    Delete,
}

internal sealed class ConsumeLinkStateHandler(IDocumentSession session, SecretProtector secrets, TimeProvider clock)
    : ICommandHandler<ConsumeLinkState, ConsumeOutcome>
{
    public async ValueTask<ConsumeOutcome> Handle(ConsumeLinkState command, CancellationToken cancellationToken)
    {
        var pending = await session.LoadAsync<PendingAuthorization>(command.State.Hash, cancellationToken);
        var now = clock.GetUtcNow();
        var (rejection, change) = Decide(command, pending, now);
        switch (change)
        {
            case PendingChange.MarkConsumed:
                // Optimistic concurrency: a second callback with the same state that loaded the same
                // version fails at commit (JasperFx.ConcurrencyException), so only one goes on.
                session.UpdateExpectedVersion(pending! with { ConsumedAt = now }, session.VersionFor(pending!)
                    ?? throw new InvalidOperationException("The pending authorization was loaded without its version."));
                break;
            case PendingChange.Delete:
                session.Delete(pending!);
                break;
        }

        if (rejection != StateRejection.None)
        {
            return new ConsumeOutcome(null, rejection);
        }

        var verifier = secrets.UnprotectVerifier(pending!.ProtectedCodeVerifier, pending.TenantId, pending.Id);
        return new ConsumeOutcome(
            new ConsumedAuthorization(pending.Id, pending.LinkRequestId, pending.UserId, pending.Provider, verifier, pending.RedirectUri),
            StateRejection.None);
    }

    /// <summary>
    /// Refused: unknown (never issued in this tenant), another user's token or no proof at all
    /// (both untouched), already used, expired (deleted), or brought to another provider's callback
    /// (used up). Otherwise consumed.
    /// </summary>
    internal static (StateRejection Rejection, PendingChange Change) Decide(ConsumeLinkState command, PendingAuthorization? pending, DateTimeOffset now)
    {
        if (pending is null || pending.TenantId != command.State.TenantId)
        {
            return (StateRejection.Unknown, PendingChange.None);
        }

        if (command.CallerUserId is not null && command.CallerUserId != pending.UserId)
        {
            return (StateRejection.ForeignUser, PendingChange.None);
        }

        if (command.CallerUserId is null && !BrowserBinding.Matches(command.PresentedBindingHash, pending.BrowserBindingHash))
        {
            return (StateRejection.Unproven, PendingChange.None);
        }

        if (pending.ConsumedAt is not null)
        {
            return (StateRejection.AlreadyUsed, PendingChange.None);
        }

        if (pending.ExpiresAt <= now)
        {
            return (StateRejection.Expired, PendingChange.Delete);
        }

        return pending.Provider != command.Provider
            ? (StateRejection.WrongProvider, PendingChange.MarkConsumed)
            : (StateRejection.None, PendingChange.MarkConsumed);
    }
}

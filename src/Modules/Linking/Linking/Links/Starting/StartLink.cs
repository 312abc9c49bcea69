using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.Integrations;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Linking.Providers;
using NavusoftSync.Linking.Validation;

namespace NavusoftSync.Linking.Links.Starting;

/// <summary>
/// The user chose a provider ("Continue"): a pending authorization is stored and the provider's
/// authorization URL returned. Without a login hint, the user's own address is used when it is
/// detected as this provider's. <paramref name="BrowserBindingHash"/> is the hash of the secret the
/// starting browser keeps (<see cref="BrowserBinding"/>). A user has at most
/// <see cref="PendingAuthorization.MaxOpenPerUser"/> requests open: the oldest beyond that are cancelled.
/// </summary>
internal sealed record StartLink(string? Provider, string? LoginHint, string UserId, string? UserEmail, string RedirectUri, string BrowserBindingHash)
    : ICommand<StartLinkResult>;

/// <summary><paramref name="PendingId"/> is the state's hash; <paramref name="Cancelled"/> the pending ids of this user's requests cancelled to make room.</summary>
internal sealed record StartLinkResult(string LinkRequestId, string PendingId, Uri AuthorizationUrl, DateTimeOffset ExpiresAt, IReadOnlyList<string> Cancelled);

internal sealed class StartLinkValidator : AbstractValidator<StartLink>
{
    public StartLinkValidator()
    {
        RuleFor(c => c.Provider).KnownProvider();
        RuleFor(c => c.LoginHint).OptionalEmail();
        RuleFor(c => c.UserId).ValidId();
        RuleFor(c => c.BrowserBindingHash).NotEmpty();
    }
}

internal sealed class StartLinkHandler(
    IDocumentSession session, ITenantContext tenant, OAuthProviders providers, SecretProtector secrets, TimeProvider clock)
    : ICommandHandler<StartLink, StartLinkResult>
{
    public async ValueTask<StartLinkResult> Handle(StartLink command, CancellationToken cancellationToken)
    {
        var provider = ProviderCatalog.Get(command.Provider!);
        var integrations = await session.LoadAsync<TenantIntegrations>(TenantIntegrations.StreamKey, cancellationToken) ?? TenantIntegrations.Empty;
        if (!integrations.IsEnabled(provider.Id))
        {
            throw NotEnabled(provider);
        }

        var oauth = providers.Get(provider.Id);
        if (!oauth.IsConfigured)
        {
            throw DomainException.Unavailable("Provider not configured", $"NavusoftSync has no {provider.Name} client configured yet; please contact Navusoft support.");
        }

        var now = clock.GetUtcNow();
        var state = OAuthState.Create(tenant.TenantId);
        var pkce = Pkce.Create();
        var pending = new PendingAuthorization(
            state.Hash,
            Guid.CreateVersion7(now).ToString(),
            tenant.TenantId,
            command.UserId,
            provider.Id,
            secrets.ProtectVerifier(pkce.Verifier, tenant.TenantId, state.Hash),
            command.RedirectUri,
            now,
            now + PendingAuthorization.Lifetime,
            ConsumedAt: null,
            command.BrowserBindingHash);

        // Housekeeping: this user's requests that expired (or were consumed and then failed) go,
        // and so do the oldest open ones beyond the limit.
        session.DeleteWhere<PendingAuthorization>(p => p.UserId == command.UserId && p.ExpiresAt < now);
        var open = await session.Query<PendingAuthorization>()
            .Where(p => p.UserId == command.UserId && p.ExpiresAt >= now)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.LinkRequestId)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        var cancelled = ToCancel(open);
        foreach (var id in cancelled)
        {
            session.Delete<PendingAuthorization>(id);
        }

        session.Insert(pending);

        var url = oauth.BuildAuthorizationUrl(new AuthorizationRequest(state.Value, pkce.Challenge, command.RedirectUri, LoginHint(command, integrations, provider)));
        return new StartLinkResult(pending.LinkRequestId, pending.Id, url, pending.ExpiresAt, cancelled);
    }

    /// <summary>Of the user's open requests (newest first), those that make room for one more.</summary>
    internal static IReadOnlyList<string> ToCancel(IReadOnlyList<string> openNewestFirst) =>
        [.. openNewestFirst.Skip(PendingAuthorization.MaxOpenPerUser - 1)];

    internal static DomainException NotEnabled(ProviderInfo provider) => DomainException.NotPermitted(
        "Provider not enabled",
        $"{provider.Name} is not enabled for your organization yet. Submit a Ticket Request with Navusoft to review the third-party " +
        $"integration requirements; once the review is done your administrator enables {provider.Name} and you can link your account.");

    private static string? LoginHint(StartLink command, TenantIntegrations integrations, ProviderInfo provider)
    {
        if (!string.IsNullOrWhiteSpace(command.LoginHint))
        {
            return command.LoginHint.Trim();
        }

        return ProviderDetection.Detect(command.UserEmail, integrations.DomainTable()) == provider.Id ? command.UserEmail!.Trim() : null;
    }
}

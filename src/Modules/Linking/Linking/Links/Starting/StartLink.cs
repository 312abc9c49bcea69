using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.BuildingBlocks.Errors;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.Integrations;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Linking.Providers;
using NavusoftSync.Linking.Validation;

namespace NavusoftSync.Linking.Links.Starting;

/// <summary>
/// The user chose a provider ("Continue"): a pending authorization is stored and the provider's
/// authorization URL returned. Without a login hint, the user's own address is used when it is
/// detected as this provider's.
/// </summary>
internal sealed record StartLink(string? Provider, string? LoginHint, string UserId, string? UserEmail, string RedirectUri) : ICommand<StartLinkResult>;

internal sealed record StartLinkResult(string LinkRequestId, Uri AuthorizationUrl, DateTimeOffset ExpiresAt);

internal sealed class StartLinkValidator : AbstractValidator<StartLink>
{
    public StartLinkValidator()
    {
        RuleFor(c => c.Provider).KnownProvider();
        RuleFor(c => c.LoginHint).OptionalEmail();
        RuleFor(c => c.UserId).ValidId();
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
            throw new ProblemException(503, "Provider not configured", $"NavusoftSync has no {provider.Name} client configured yet; please contact Navusoft support.");
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
            ConsumedAt: null);

        // Housekeeping: this user's requests that expired (or were consumed and then failed) go.
        session.DeleteWhere<PendingAuthorization>(p => p.UserId == command.UserId && p.ExpiresAt < now);
        session.Insert(pending);

        var url = oauth.BuildAuthorizationUrl(new AuthorizationRequest(state.Value, pkce.Challenge, command.RedirectUri, LoginHint(command, integrations, provider)));
        return new StartLinkResult(pending.LinkRequestId, url, pending.ExpiresAt);
    }

    internal static ProblemException NotEnabled(ProviderInfo provider) => new(
        403,
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

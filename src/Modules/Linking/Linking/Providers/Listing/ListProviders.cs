using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.Linking.Integrations;
using NavusoftSync.Linking.Validation;

namespace NavusoftSync.Linking.Providers.Listing;

/// <summary>
/// One provider of the provider screen: <c>suggested</c> marks the one detected from the address; <c>kind</c> is <c>oauth</c>
/// (a sign-in at the provider) or <c>password</c> (a form with servers and an app password); a password provider carries the
/// <c>presets</c> of well-known services, the one serving the address first (null for OAuth providers).
/// </summary>
public sealed record ProviderOption(string Id, string Name, bool Enabled, bool Suggested, string Kind, IReadOnlyList<MailPreset>? Presets);

/// <summary>The provider screen for an address; without one, for the user's own (the token's <c>email</c>).</summary>
internal sealed record ListProviders(string? Email, string? UserEmail) : IQuery<IReadOnlyList<ProviderOption>>;

internal sealed class ListProvidersValidator : AbstractValidator<ListProviders>
{
    public ListProvidersValidator() => RuleFor(q => q.Email).OptionalEmail();
}

internal sealed class ListProvidersHandler(IQuerySession session) : IQueryHandler<ListProviders, IReadOnlyList<ProviderOption>>
{
    public async ValueTask<IReadOnlyList<ProviderOption>> Handle(ListProviders query, CancellationToken cancellationToken)
    {
        var integrations = await session.LoadAsync<TenantIntegrations>(TenantIntegrations.StreamKey, cancellationToken) ?? TenantIntegrations.Empty;
        var email = query.Email ?? query.UserEmail;
        var suggested = ProviderDetection.Detect(email, integrations.DomainTable());
        return [.. ProviderCatalog.All.Select(p => new ProviderOption(
            p.Id, p.Name, integrations.IsEnabled(p.Id), p.Id == suggested, p.KindName, p.Kind == ProviderKind.Password ? MailPresets.For(email) : null))];
    }
}

using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.Linking.Providers;
using NavusoftSync.Linking.Validation;

namespace NavusoftSync.Linking.Integrations.Domains;

/// <summary>An admin declares that the tenant's addresses at <paramref name="Domain"/> are hosted by a provider.</summary>
internal sealed record MapCustomDomain(string Domain, string? ProviderId, string AdminUserId) : ICommand<CustomDomain>
{
    public string NormalizedDomain => Domain.Trim().TrimEnd('.').ToLowerInvariant();
}

internal sealed class MapCustomDomainValidator : AbstractValidator<MapCustomDomain>
{
    public MapCustomDomainValidator()
    {
        RuleFor(c => c.NormalizedDomain)
            .Must(LinkingRules.IsDomainName).WithMessage("Must be a domain name such as acme.com.")
            .Must(d => ProviderDetection.BuiltIn(d) is null)
            .WithMessage(c => $"{c.NormalizedDomain} is a well-known {ProviderDetection.BuiltIn(c.NormalizedDomain)} domain and cannot be mapped.")
            .OverridePropertyName("domain");
        RuleFor(c => c.ProviderId).KnownProvider().OverridePropertyName("provider");
        RuleFor(c => c.AdminUserId).ValidId();
    }
}

internal sealed class MapCustomDomainHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<MapCustomDomain, CustomDomain>
{
    public async ValueTask<CustomDomain> Handle(MapCustomDomain command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<TenantIntegrations>(TenantIntegrations.StreamKey, cancellationToken);
        var events = Decide(command, stream.Aggregate, clock.GetUtcNow());
        stream.AppendMany(events);
        return events.Aggregate(stream.Aggregate, TenantIntegrations.Fold)!.CustomDomains[command.NormalizedDomain];
    }

    internal static IReadOnlyList<object> Decide(MapCustomDomain command, TenantIntegrations? state, DateTimeOffset now)
    {
        var domain = command.NormalizedDomain;
        return state?.CustomDomains.GetValueOrDefault(domain)?.ProviderId == command.ProviderId
            ? []
            : [new CustomDomainMapped(domain, command.ProviderId!, command.AdminUserId, now)];
    }
}

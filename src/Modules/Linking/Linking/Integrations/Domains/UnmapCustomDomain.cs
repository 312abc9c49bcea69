using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Linking.Validation;

namespace NavusoftSync.Linking.Integrations.Domains;

internal sealed record UnmapCustomDomain(string Domain, string AdminUserId) : ICommand
{
    public string NormalizedDomain => Domain.Trim().TrimEnd('.').ToLowerInvariant();
}

internal sealed class UnmapCustomDomainValidator : AbstractValidator<UnmapCustomDomain>
{
    public UnmapCustomDomainValidator() => RuleFor(c => c.AdminUserId).ValidId();
}

internal sealed class UnmapCustomDomainHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<UnmapCustomDomain>
{
    public async ValueTask<Unit> Handle(UnmapCustomDomain command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<TenantIntegrations>(TenantIntegrations.StreamKey, cancellationToken);
        stream.AppendMany(Decide(command, stream.Aggregate, clock.GetUtcNow()));
        return Unit.Value;
    }

    internal static IReadOnlyList<object> Decide(UnmapCustomDomain command, TenantIntegrations? state, DateTimeOffset now) =>
        state?.CustomDomains.ContainsKey(command.NormalizedDomain) == true
            ? [new CustomDomainUnmapped(command.NormalizedDomain, command.AdminUserId, now)]
            : throw DomainException.NotFound("Custom domain", command.NormalizedDomain);
}

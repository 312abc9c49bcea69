using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Linking.Providers;
using NavusoftSync.Linking.Validation;

namespace NavusoftSync.Linking.Integrations.Enabling;

/// <summary>
/// An admin records the outcome of the tenant's integration review: the provider is enabled under
/// the review ticket, or switched off. <paramref name="AdminUserId"/> is the acting admin (token <c>sub</c>).
/// </summary>
internal sealed record SetProviderEnablement(string ProviderId, bool? Enabled, string? ReviewTicket, string AdminUserId) : ICommand<ProviderApproval?>;

internal sealed class SetProviderEnablementValidator : AbstractValidator<SetProviderEnablement>
{
    public SetProviderEnablementValidator()
    {
        RuleFor(c => c.Enabled).NotNull().WithMessage("Required (true or false).");
        RuleFor(c => c.ReviewTicket)
            .Must(t => !string.IsNullOrWhiteSpace(t)).When(c => c.Enabled == true)
            .WithMessage("The number of the reviewed Ticket Request is required to enable a provider.");
        RuleFor(c => c.ReviewTicket)
            .Must(t => t is null || t.Trim().Length <= LinkingRules.MaxTicketLength).WithMessage($"At most {LinkingRules.MaxTicketLength} characters.")
            .Must(t => t is null || !t.Any(char.IsControl)).WithMessage("Must not contain control characters.");
        RuleFor(c => c.AdminUserId).ValidId();
    }
}

internal sealed class SetProviderEnablementHandler(IDocumentSession session, TimeProvider clock)
    : ICommandHandler<SetProviderEnablement, ProviderApproval?>
{
    public async ValueTask<ProviderApproval?> Handle(SetProviderEnablement command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<TenantIntegrations>(TenantIntegrations.StreamKey, cancellationToken);
        var events = Decide(command, stream.Aggregate, clock.GetUtcNow());
        stream.AppendMany(events);
        var state = events.Aggregate(stream.Aggregate, TenantIntegrations.Fold);
        return state?.Providers.GetValueOrDefault(command.ProviderId);
    }

    /// <summary>Enabling again under the same ticket, or disabling what is not enabled, changes nothing; a new ticket is recorded.</summary>
    internal static IReadOnlyList<object> Decide(SetProviderEnablement command, TenantIntegrations? state, DateTimeOffset now)
    {
        var provider = ProviderCatalog.Find(command.ProviderId) ?? throw DomainException.NotFound("Provider", command.ProviderId);
        var current = state?.Providers.GetValueOrDefault(provider.Id);
        var ticket = string.IsNullOrWhiteSpace(command.ReviewTicket) ? null : command.ReviewTicket.Trim();
        if (command.Enabled == true)
        {
            return current is { Enabled: true } && current.ReviewTicket == ticket
                ? []
                : [new ProviderEnabled(provider.Id, ticket!, command.AdminUserId, now)];
        }

        return current is { Enabled: true } ? [new ProviderDisabled(provider.Id, ticket, command.AdminUserId, now)] : [];
    }
}

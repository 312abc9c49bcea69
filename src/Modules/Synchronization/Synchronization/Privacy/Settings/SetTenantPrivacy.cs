using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Synchronization.Privacy.Settings;

/// <summary>An admin sets the tenant's privacy policy (<paramref name="AdminUserId"/>: the token's <c>sub</c>).</summary>
internal sealed record SetTenantPrivacy(TenantPrivacyRequest Request, string AdminUserId) : ICommand<PrivacyState>;

internal sealed class SetTenantPrivacyValidator : AbstractValidator<SetTenantPrivacy>
{
    public SetTenantPrivacyValidator()
    {
        RuleFor(c => c.Request.Blocklist).Must(PrivacySettingsRules.FewEnough)
            .WithMessage($"At most {PrivacyEntries.MaxEntries} entries.").OverridePropertyName("blocklist");
        RuleForEach(c => c.Request.Blocklist).Must(e => PrivacyEntries.BlockEntry(e) is not null)
            .WithMessage(PrivacySettingsRules.BlockEntryMessage).OverridePropertyName("blocklist");
        RuleFor(c => c.Request.InternalDomains).Must(PrivacySettingsRules.FewEnough)
            .WithMessage($"At most {PrivacyEntries.MaxEntries} entries.").OverridePropertyName("internalDomains");
        RuleForEach(c => c.Request.InternalDomains).Must(d => PrivacyEntries.Domain(d) is not null)
            .WithMessage(PrivacySettingsRules.DomainMessage).OverridePropertyName("internalDomains");
        PrivacySettingsRules.Level(this, c => c.Request.AccountVisibility);
        PrivacySettingsRules.Reason(this, c => c.Request.Reason);
        RuleFor(c => c.Request.InternalDomains).Must(d => d is { Count: > 0 }).When(c => c.Request.ExcludeInternal == true)
            .WithMessage("Name the internal domains to exclude internal-only mail and meetings.").OverridePropertyName("internalDomains");
    }
}

/// <summary>Appends <see cref="PrivacyPolicySet"/> to the tenant's privacy stream unless the policy is already exactly this.</summary>
internal sealed class SetTenantPrivacyHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<SetTenantPrivacy, PrivacyState>
{
    public async ValueTask<PrivacyState> Handle(SetTenantPrivacy command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<PrivacyState>(PrivacyState.StreamKey, cancellationToken);
        var state = stream.Aggregate ?? PrivacyState.Empty;
        var policy = PolicyOf(command.Request);
        if (SamePolicy(policy, state.Policy) && stream.Aggregate is not null)
        {
            return state;
        }

        var set = new PrivacyPolicySet(policy, command.AdminUserId, PrivacySettingsRules.Reason(command.Request.Reason), clock.GetUtcNow());
        stream.AppendOne(set);
        return PrivacyState.Fold(state, set)!;
    }

    private static PrivacyPolicy PolicyOf(TenantPrivacyRequest request) => new(
        PrivacySettingsRules.Normalized(request.Blocklist, PrivacyEntries.BlockEntry),
        PrivacySettingsRules.Normalized(request.InternalDomains, PrivacyEntries.Domain),
        request.ExcludeInternal ?? false,
        request.ExcludeBulk ?? false,
        request.AccountVisibility ?? Visibility.Full);

    private static bool SamePolicy(PrivacyPolicy a, PrivacyPolicy b) =>
        a.Blocklist.SequenceEqual(b.Blocklist, StringComparer.Ordinal) && a.InternalDomains.SequenceEqual(b.InternalDomains, StringComparer.Ordinal)
        && a.ExcludeInternal == b.ExcludeInternal && a.ExcludeBulk == b.ExcludeBulk && a.AccountVisibility == b.AccountVisibility;
}

using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Synchronization.Privacy.Settings;

/// <summary>A user sets their own privacy settings; they can only be stricter than the tenant's.</summary>
internal sealed record SetUserPrivacy(UserPrivacyRequest Request, string UserId) : ICommand<PrivacyState>;

internal sealed class SetUserPrivacyValidator : AbstractValidator<SetUserPrivacy>
{
    public SetUserPrivacyValidator()
    {
        RuleFor(c => c.Request.Blocklist).Must(PrivacySettingsRules.FewEnough)
            .WithMessage($"At most {PrivacyEntries.MaxEntries} entries.").OverridePropertyName("blocklist");
        RuleForEach(c => c.Request.Blocklist).Must(e => PrivacyEntries.BlockEntry(e) is not null)
            .WithMessage(PrivacySettingsRules.BlockEntryMessage).OverridePropertyName("blocklist");
        PrivacySettingsRules.Level(this, c => c.Request.AccountVisibility);
        PrivacySettingsRules.Reason(this, c => c.Request.Reason);
    }
}

/// <summary>
/// Appends <see cref="UserPrivacySet"/> unless the settings are already exactly these. A level looser than the tenant's
/// is refused (a field error on <c>accountVisibility</c>) rather than silently tightened, so the user sees what applies.
/// </summary>
internal sealed class SetUserPrivacyHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<SetUserPrivacy, PrivacyState>
{
    public async ValueTask<PrivacyState> Handle(SetUserPrivacy command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<PrivacyState>(PrivacyState.StreamKey, cancellationToken);
        var state = stream.Aggregate ?? PrivacyState.Empty;
        var level = command.Request.AccountVisibility ?? state.Policy.AccountVisibility;
        if (!Visibility.IsAtLeastAsStrict(level, state.Policy.AccountVisibility))
        {
            throw DomainException.RuleViolated(
                "accountVisibility", $"The tenant shows others '{state.Policy.AccountVisibility}' of everyone's items; choose that or a stricter level.");
        }

        var settings = new UserPrivacy(PrivacySettingsRules.Normalized(command.Request.Blocklist, PrivacyEntries.BlockEntry), level);
        var current = state.Users.GetValueOrDefault(command.UserId);
        if (current is not null && current.AccountVisibility == settings.AccountVisibility && current.Blocklist.SequenceEqual(settings.Blocklist, StringComparer.Ordinal))
        {
            return state;
        }

        var set = new UserPrivacySet(command.UserId, settings, command.UserId, PrivacySettingsRules.Reason(command.Request.Reason), clock.GetUtcNow());
        stream.AppendOne(set);
        return PrivacyState.Fold(state, set)!;
    }
}

using FluentValidation;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Synchronization.Privacy.Settings;

/// <summary>The checks the tenant's policy and a user's settings share: entries, levels, the reason.</summary>
internal static class PrivacySettingsRules
{
    public const int MaxReasonLength = 500;

    public const string BlockEntryMessage = "Must be an email address (dana@example.com) or a domain written @example.com (it covers its subdomains).";
    public const string DomainMessage = "Must be a domain such as example.com (it covers its subdomains).";
    public const string LevelMessage = "Must be full, subject or metadata.";

    public static bool FewEnough(IReadOnlyList<string?>? entries) => entries is null || entries.Count <= PrivacyEntries.MaxEntries;

    public static bool IsReason(string? reason) => reason is null || (reason.Trim().Length <= MaxReasonLength && !reason.Any(char.IsControl));

    public static void Level<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> level) =>
        validator.RuleFor(level).Must(l => l is null || Visibility.IsSettable(l)).WithMessage(LevelMessage).OverridePropertyName("accountVisibility");

    public static void Reason<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> reason) =>
        validator.RuleFor(reason).Must(IsReason).WithMessage($"At most {MaxReasonLength} characters, no control characters.").OverridePropertyName("reason");

    /// <summary>Entries normalized, duplicates dropped, in order.</summary>
    public static IReadOnlyList<string> Normalized(IReadOnlyList<string?>? entries, Func<string?, string?> normalize) =>
        [.. (entries ?? []).Select(normalize).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public static string? Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
}

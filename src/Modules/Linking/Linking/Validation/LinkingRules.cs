using FluentValidation;
using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Validation;

/// <summary>The rules the module's commands share.</summary>
internal static class LinkingRules
{
    public const int MaxTicketLength = 100;
    public const int MaxDomainLength = 253;
    public const int MaxIdLength = 200;

    public static IRuleBuilderOptions<T, string?> KnownProvider<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Required.")
            .Must(p => string.IsNullOrWhiteSpace(p) || ProviderCatalog.Find(p) is not null)
            .WithMessage($"Must be one of: {ProviderCatalog.IdList}.");

    public static IRuleBuilderOptions<T, string?> ValidId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Required.")
            .MaximumLength(MaxIdLength)
            .Must(id => id is null || !id.Any(char.IsControl)).WithMessage("Must not contain control characters.");

    /// <summary>An optional address: when present, one <see cref="EmailAddressRule"/> accepts.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(e => e is null || EmailAddressRule.IsValid(e)).WithMessage("Must be a valid email address.");

    /// <summary>A custom domain to map: a lower-case ASCII DNS name of at least two labels, letters, digits and inner hyphens, 1–63 characters a label.</summary>
    public static bool IsDomainName(string domain)
    {
        if (domain.Length is 0 or > MaxDomainLength)
        {
            return false;
        }

        var labels = domain.Split('.');
        return labels.Length >= 2 && labels.All(l =>
            l.Length is >= 1 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'));
    }
}

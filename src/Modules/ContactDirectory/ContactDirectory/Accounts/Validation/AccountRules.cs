using FluentValidation;
using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.ContactDirectory.Accounts.Validation;

/// <summary>The rules shared by every command that writes an account or a contact.</summary>
internal static class AccountRules
{
    public const int MaxContacts = 500;
    public const int MaxIdLength = 100;
    public const int MaxNameLength = 200;

    public static IRuleBuilderOptions<T, string?> ValidId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Required.")
            .MaximumLength(MaxIdLength)
            .Must(id => id is null || id.All(c => !char.IsControl(c) && c != '/'))
            .WithMessage("Must not contain '/' or control characters.");

    public static IRuleBuilderOptions<T, string?> ValidAccountName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Required.")
            .Must(n => n is null || n.Trim().Length <= MaxNameLength).WithMessage($"At most {MaxNameLength} characters.");

    public static IRuleBuilderOptions<T, string?> ValidContactName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => n is null || n.Trim().Length <= MaxNameLength).WithMessage($"At most {MaxNameLength} characters.");

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Required.")
            .Must(e => string.IsNullOrWhiteSpace(e) || EmailAddressRule.IsValid(e)).WithMessage("Must be a valid email address.");

    public static void ReportDuplicates<T, TItem>(
        IReadOnlyList<TItem> items, Func<TItem, string?> key, string propertyName, string label, ValidationContext<T> context)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var value = key(items[i]);
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (seen.TryGetValue(value, out var first))
            {
                context.AddFailure($"{context.PropertyPath}[{i}].{propertyName}", $"Duplicate {label}: contact {first} has the same one.");
            }
            else
            {
                seen[value] = i;
            }
        }
    }
}

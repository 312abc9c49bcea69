using System.Net.Mail;
using FluentValidation;

namespace NavusoftSync.ContactDirectory.Accounts.Validation;

/// <summary>The rules shared by every command that writes an account or a contact.</summary>
internal static class AccountRules
{
    public const int MaxContacts = 500;
    public const int MaxIdLength = 100;
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

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
            .Must(IsEmailAddress).WithMessage("Must be a valid email address.");

    /// <summary>A bare address (no display name), local@domain, with a dotted domain.</summary>
    public static bool IsEmailAddress(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return true; // reported by the Required rule
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxEmailLength || trimmed.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || !string.Equals(parsed.Address, trimmed, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        var domain = trimmed[(at + 1)..];
        return at > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

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

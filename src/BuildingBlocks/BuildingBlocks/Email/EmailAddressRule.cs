using System.Globalization;
using System.Text;

namespace NavusoftSync.BuildingBlocks.Email;

/// <summary>
/// What every module accepts as an email address and how it compares two. An address is a bare
/// <c>local@domain</c> (no display name, comment or quotes) as mailbox providers issue them:
/// <list type="bullet">
/// <item>at most 254 characters, the local part at most 64 (RFC 5321 §4.5.3.1);</item>
/// <item>the local part a dot-atom: RFC 5322 atext or non-ASCII letters, digits and marks (RFC 6531),
/// dots only between characters; quoted local parts are refused, since no provider issues them and
/// a provider search cannot carry them;</item>
/// <item>the domain a host name of two labels or more, internationalized ones included (checked in
/// their ASCII form: letters, digits and inner hyphens, 1–63 characters a label, 253 in all), whose
/// last label is not all digits; no trailing dot, no address literal;</item>
/// <item>no whitespace or control character inside; whitespace around it is ignored.</item>
/// </list>
/// </summary>
public static class EmailAddressRule
{
    public const int MaxLength = 254;
    public const int MaxLocalPartLength = 64;
    public const int MaxDomainLength = 253;
    public const int MaxLabelLength = 63;

    private const string AsciiAtextSymbols = "!#$%&'*+-/=?^_`{|}~";

    /// <summary>How addresses are stored and compared: trimmed and lower-cased.</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    public static bool IsValid(string? email)
    {
        if (email is null)
        {
            return false;
        }

        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        return trimmed.Length <= MaxLength && at > 0
            && IsLocalPart(trimmed[..at])
            && IsDomain(trimmed[(at + 1)..]);
    }

    private static bool IsLocalPart(string local) =>
        local.Length <= MaxLocalPartLength
        && local[0] != '.' && local[^1] != '.'
        && !local.Contains("..", StringComparison.Ordinal)
        && local.EnumerateRunes().All(r => r.Value == '.' || IsAtext(r));

    /// <summary>Ill-formed UTF-16 reads as U+FFFD, a symbol, and is refused.</summary>
    private static bool IsAtext(Rune r) =>
        r.IsAscii
            ? Rune.IsLetterOrDigit(r) || AsciiAtextSymbols.Contains((char)r.Value, StringComparison.Ordinal)
            : Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber;

    private static bool IsDomain(string domain)
    {
        if (domain.Length == 0 || domain.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        string ascii;
        try
        {
            ascii = new IdnMapping { AllowUnassigned = false, UseStd3AsciiRules = true }.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = ascii.Split('.');
        return ascii.Length <= MaxDomainLength
            && labels.Length >= 2
            && labels.All(IsLabel)
            && !labels[^1].All(char.IsAsciiDigit);
    }

    private static bool IsLabel(string label) =>
        label.Length is >= 1 and <= MaxLabelLength
        && label[0] != '-' && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

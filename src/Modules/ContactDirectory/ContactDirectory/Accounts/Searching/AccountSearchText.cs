using System.Text;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// The one normalization the account search applies to stored names, stored addresses and the
/// searched text alike: lower-cased letters and digits, every other character a word break.
/// Stored text is framed by spaces, so "a word starting with w" is the pattern <c>% w%</c>.
/// </summary>
internal static class AccountSearchText
{
    /// <summary>The lower-cased words of <paramref name="text"/>, one space apart (control characters, punctuation and unpaired surrogates break words).</summary>
    public static string Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return builder.ToString();
    }

    /// <summary>The stored search form of an account name: its words framed by spaces.</summary>
    public static string Name(string name) => $" {Words(name)} ";

    /// <summary>
    /// The distinct words of a name in ordinal order, each letters and digits only (never a quote, backslash or blank, so a
    /// word is always a valid <c>tsquery</c> lexeme between single quotes).
    /// </summary>
    public static string[] NameWords(string name) =>
        [.. Words(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The address tokens of the contacts' (already normalized) addresses: each address, and its domain from the '@' on
    /// ("@greenfield.com"); an address match is a prefix of one token, answered by a range of a GIN index's entries.
    /// </summary>
    public static string[] AddressTokens(IEnumerable<string> emails) =>
        [.. emails.Where(e => e.Length > 0).SelectMany(e => e.Contains('@', StringComparison.Ordinal) ? [e, e[e.IndexOf('@', StringComparison.Ordinal)..]] : new[] { e }).Distinct(StringComparer.Ordinal)];

    /// <summary>Makes <paramref name="text"/> match itself literally inside a LIKE pattern (backslash is PostgreSQL's default escape).</summary>
    public static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}

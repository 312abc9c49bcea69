using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// What one searched text asks of the index: the name patterns (exact, starts with, every word a word
/// prefix), whether a typo-tolerant comparison is worth running, and the address pattern when the text
/// looks like an address or a domain. Every pattern is escaped: the text is matched, never interpreted.
/// </summary>
/// <param name="Words">The searched words, one space apart.</param>
/// <param name="WordList">The same words one by one.</param>
/// <param name="WordPrefixes">Per word, the LIKE pattern of a name word starting with it.</param>
internal sealed record AccountSearchPlan(string Words, string[] WordList, string Exact, string StartsWith, string[] WordPrefixes, bool Fuzzy, string? EmailPattern)
{
    /// <summary>Shorter texts share a trigram or two with half the directory: typo matching would only add noise.</summary>
    public const int MinFuzzyLength = 4;

    /// <summary>A word this long may be matched by similarity; a shorter word must start a word of the name.</summary>
    public const int MinFuzzyWordLength = 3;

    /// <summary>
    /// The same address match as a prefix of one address token (<see cref="AccountSearchText.AddressTokens"/>): the whole
    /// address for a text with an '@' ("maria@gre", "@greenfield"), "@" and the domain for a dotted domain.
    /// </summary>
    public string? EmailPrefix { get; init; }

    public bool MatchesNames => WordList.Length > 0;

    public bool IsFuzzyWord(int index) => WordList[index].Length >= MinFuzzyWordLength;

    public static AccountSearchPlan For(string q)
    {
        var email = EmailPatternFor(q);
        var words = email is not null && q.Contains('@', StringComparison.Ordinal) ? string.Empty : AccountSearchText.Words(q); // no name holds an '@'
        var list = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new AccountSearchPlan(
            words,
            list,
            $" {words} ",
            $" {AccountSearchText.EscapeLike(words)}%",
            [.. list.Select(w => $"% {AccountSearchText.EscapeLike(w)}%")],
            email is null && words.Length >= MinFuzzyLength && list.Any(w => w.Length >= MinFuzzyWordLength), // an address is no typo of a name
            email)
        {
            EmailPrefix = email is null ? null : EmailPrefixFor(EmailAddressRule.Normalize(q)),
        };
    }

    private static string EmailPrefixFor(string text) => text.Contains('@', StringComparison.Ordinal) ? text : $"@{text}";

    /// <summary>
    /// "maria@gre" matches addresses starting so, "@greenfield" and "greenfield.com" match the domain by its
    /// start; anything with blanks or control characters is no address.
    /// </summary>
    private static string? EmailPatternFor(string q)
    {
        var text = EmailAddressRule.Normalize(q);
        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return null;
        }

        var escaped = AccountSearchText.EscapeLike(text);
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return text.StartsWith('@') ? $"%{escaped}%" : $"% {escaped}%";
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < text.Length - 1 ? $"%@{escaped}%" : null;
    }
}

using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// What one searched text asks of the index: the name patterns (exact, starts with, every word a word prefix), whether a
/// typo-tolerant comparison is worth running, and the address prefix when the text looks like an address or a domain.
/// Every value travels as a parameter (a LIKE pattern escaped, a lexeme as a lexeme): the text is matched, never interpreted.
/// </summary>
/// <param name="Words">The searched words, one space apart.</param>
/// <param name="WordList">The same words one by one: each must start a word of the name (a prefix lexeme of <c>search_name_words</c>).</param>
/// <param name="EmailPrefix">
/// For a text that looks like an address or a domain, the prefix of one address token (<see cref="AccountSearchText.AddressTokens"/>)
/// it matches: the whole address for a text with an '@' ("maria@gre", "@greenfield"), "@" and the domain for a dotted domain.
/// </param>
internal sealed record AccountSearchPlan(string Words, string[] WordList, string Exact, string StartsWith, bool Fuzzy, string? EmailPrefix)
{
    /// <summary>Shorter texts share a trigram or two with half the directory: typo matching would only add noise.</summary>
    public const int MinFuzzyLength = 4;

    /// <summary>A word this long may be matched by similarity; a shorter word must start a word of the name.</summary>
    public const int MinFuzzyWordLength = 3;

    public bool MatchesNames => WordList.Length > 0;

    /// <summary>The lowest name starting with the words (inclusive), in byte order.</summary>
    public string StartsFrom => $" {Words}";

    /// <summary>Above every name starting with the words, in byte order (<see cref="Above"/>).</summary>
    public string StartsTo => Above(StartsFrom);

    /// <summary>
    /// The lowest text above every text starting with <paramref name="prefix"/>, in byte order: the prefix and U+10FFFF, the
    /// highest code point, which no normalized name or word holds. [prefix, Above(prefix)) is exactly the texts starting with it.
    /// </summary>
    public static string Above(string prefix) => $"{prefix}\U0010FFFF";

    public bool MatchesEmails => EmailPrefix is not null;

    public bool IsFuzzyWord(int index) => WordList[index].Length >= MinFuzzyWordLength;

    /// <summary>A word this long drives the word-prefix match through the dictionary's words starting with it; shorter, a GIN probe.</summary>
    public const int MinDriverLength = 3;

    /// <summary>
    /// The one searched word when it drives the word-prefix match (<see cref="AccountSearchEntries"/>): at least
    /// <see cref="MinDriverLength"/> letters. Several words are matched by a GIN probe instead: their accounts are the
    /// intersection of the words' (for "pine lak", 15 of the 2,560 holding "pine"), which a driver would read in full.
    /// </summary>
    public string? Driver => WordList is [{ Length: >= MinDriverLength } word] ? word : null;

    /// <summary>Above every word starting with <see cref="Driver"/>, in byte order.</summary>
    public string DriverTo => Above(Driver ?? string.Empty);

    public static AccountSearchPlan For(string q)
    {
        var email = EmailPrefixFor(q);
        var words = email is not null && q.Contains('@', StringComparison.Ordinal) ? string.Empty : AccountSearchText.Words(q); // no name holds an '@'
        var list = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new AccountSearchPlan(
            words,
            list,
            $" {words} ",
            $" {AccountSearchText.EscapeLike(words)}%",
            email is null && words.Length >= MinFuzzyLength && list.Any(w => w.Length >= MinFuzzyWordLength), // an address is no typo of a name
            email);
    }

    /// <summary>
    /// "maria@gre" matches addresses starting so, "@greenfield" and "greenfield.com" match the domain by its start; anything
    /// with blanks or control characters is no address.
    /// </summary>
    private static string? EmailPrefixFor(string q)
    {
        var text = EmailAddressRule.Normalize(q);
        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return null;
        }

        return text.Contains('@', StringComparison.Ordinal) ? text : IsDomain(text) ? $"@{text}" : null;
    }

    /// <summary>A dotted domain ("greenfield.com"): a dot with text on both sides.</summary>
    private static bool IsDomain(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < text.Length - 1;
    }
}

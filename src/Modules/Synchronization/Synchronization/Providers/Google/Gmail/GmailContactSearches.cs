using System.Globalization;
using System.Text;
using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>
/// The Gmail searches of a planned whole-window read: <c>after:&lt;since&gt; {from:a to:a cc:a bcc:a from:b …}</c>, as many
/// addresses per search as keep the encoded <c>q</c> within <see cref="MaxEncodedQuery"/> characters (the whole URL then
/// stays well under Gmail's 8 KB), addresses in ordinal order. Only an address made of letters, digits and
/// <c>. _ + -</c> around one <c>@</c>, not starting with <c>-</c>, goes into a search: Gmail's query language gives
/// meaning to quotes, braces, parentheses, <c>! | ' = \ / : ~ * #</c> and a leading <c>-</c>, and an address carrying
/// one could change what the query asks. An address so long (encoded) that its four terms alone would not fit is refused
/// too. A contact with any address refused makes the read scan (<see cref="AllSearchable"/>).
/// </summary>
internal static class GmailContactSearches
{
    public const int MaxEncodedQuery = 4_000;

    private static readonly string[] Operators = ["from", "to", "cc", "bcc"];

    /// <summary>
    /// Whether a search may carry the address: one <see cref="EmailAddressRule"/> accepts (so exactly one <c>@</c>, at most
    /// 254 characters) made of plain characters only (so no whitespace around it either), not starting with <c>-</c>, short
    /// enough encoded for its four terms.
    /// </summary>
    public static bool IsSearchable(string address) =>
        EmailAddressRule.IsValid(address) && !address.StartsWith('-') && address.EnumerateRunes().All(IsPlain)
        && Encoded(address) * Operators.Length <= MaxEncodedQuery / 2;

    public static bool AllSearchable(IEnumerable<string> addresses) => addresses.All(IsSearchable);

    /// <summary>
    /// The searches covering every address (each distinct address, compared ignoring case, in exactly one), in ordinal
    /// order; none for no address. Throws for an address that <see cref="IsSearchable"/> refuses.
    /// </summary>
    public static IReadOnlyList<string> Queries(DateTimeOffset since, IEnumerable<string> addresses)
    {
        var prefix = $"after:{since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} {{";
        var queries = new List<string>();
        var group = new StringBuilder();
        foreach (var address in Distinct(addresses))
        {
            var terms = string.Join(' ', Operators.Select(o => $"{o}:{address}"));
            if (group.Length > 0 && Encoded(prefix + group + " " + terms + "}") > MaxEncodedQuery)
            {
                queries.Add(prefix + group + "}");
                group.Clear();
            }

            group.Append(group.Length > 0 ? " " : string.Empty).Append(terms);
        }

        if (group.Length > 0)
        {
            queries.Add(prefix + group + "}");
        }

        return queries;
    }

    private static IEnumerable<string> Distinct(IEnumerable<string> addresses) =>
        addresses
            .Select(a => IsSearchable(a) ? EmailAddressRule.Normalize(a) : throw new ArgumentException("A Gmail search takes plain addresses only.", nameof(addresses)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static int Encoded(string q) => Uri.EscapeDataString(q).Length;

    private static bool IsPlain(Rune rune) => Rune.IsLetterOrDigit(rune) || rune.Value is '.' or '_' or '+' or '-' or '@';
}

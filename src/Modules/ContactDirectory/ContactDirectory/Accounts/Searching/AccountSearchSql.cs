namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// The one statement of a search, assembled from fixed fragments (the searched text only ever travels as parameters). Its
/// branches, best rank first, are disjoint (each leaves out the rows a better branch finds), each reads only rows after the
/// cursor, and each runs only when the branches before it found fewer than a page (a one-time filter on their counts):
/// <list type="number">
/// <item><c>starts</c>: exact name and name starting with q, a range of the byte-ordered btree of <c>search_name_ordered</c>
/// read in page order with a limit (a page costs a page of rows);</item>
/// <item><c>words</c>: every word a word prefix: for one word of three letters or more, the accounts of each dictionary word
/// starting with it from the word rows (<see cref="AccountSearchEntries"/>) in page order; otherwise the GIN index of
/// <c>array_to_tsvector(search_name_words)</c> probed with each prefix expanded to the dictionary words it starts;</item>
/// <item><c>typo</c>: per searched word of three letters or more, its candidates from the tenant's word dictionary
/// (<see cref="AccountSearchWords"/>, a trigram probe), then the accounts holding a candidate of every such word (and a word
/// starting with each shorter word) from the word rows, a candidate at a time up to <see cref="TypoCandidates"/>, scored by
/// similarity to the whole name;</item>
/// <item><c>email</c>: an address prefix, one prefix lexeme (<c>@email</c>) on the GIN index of
/// <c>array_to_tsvector(search_address_tokens)</c>, less the names every word prefixes (<c>@prefixes</c>).</item>
/// </list>
/// The page is ordered by rank, similarity, name and id; only rows no branch read the JSON of are joined back for their name
/// and contact count.
/// </summary>
internal static class AccountSearchSql
{
    private const string Table = $"{ContactDirectoryModule.Schema}.mt_doc_account";

    private const string Columns = "(rank, score, name, id, matched_on, display, contacts)";

    private const string Name = "search_name_ordered collate \"C\"";

    private const string NameOrder = $"{Name}, id collate \"C\"";

    /// <summary>The page order of a fenced branch (<c>offset 0</c> inside): sorted after the GIN probe, not by walking the btree.</summary>
    private const string FencedOrder = "order by name collate \"C\", id collate \"C\" limit @take";

    private const string AfterName = $"and ({NameOrder}) > (@after_name collate \"C\", @after_id collate \"C\") ";

    private const string NameWords = "array_to_tsvector(search_name_words)";

    /// <summary>
    /// The tenant as a filter of a GIN probe's rows, never an index condition: a plan made once for any values cannot tell
    /// the tenant's share of the table, and with a few tenants it guesses a third and ANDs a bitmap of every row of the
    /// tenant (100,000 entries, 45 ms) into the probe (0.1 ms alone).
    /// </summary>
    private const string TenantFilter = "(tenant_id || '') = @tenant";

    /// <summary>
    /// Word similarity (0..1: the share of a word's trigrams found in the best-matching stretch of the other text) from which a
    /// dictionary word counts as a typo of a searched word: "grenfeild" against "greenfield" is 0.33, the default of 0.6 misses
    /// it. A setting of the search's connections (<see cref="AccountSearchDatabase"/>).
    /// </summary>
    public const string SimilarityThreshold = "0.3";

    /// <summary>At most this many dictionary words per searched word, the most similar first.</summary>
    public const int TypoWords = 50;

    /// <summary>
    /// At most this many accounts per search from the typo branch: a common candidate word ("apartments") is in a large share
    /// of a big tenant, and every candidate's row is read and its similarity computed; past this many the page shows the best
    /// of those read, and a typo search pages no further.
    /// </summary>
    public const int TypoCandidates = 100;

    /// <summary>Whether the statement has the typo branch.</summary>
    public static bool MatchesTypos(AccountSearchPlan plan, AccountSearchCursor? after) => plan.Fuzzy && (after?.Rank ?? 0) <= AccountSearchRank.Similar;

    /// <returns>Null when no branch can hold a row after <paramref name="after"/>.</returns>
    public static string? For(AccountSearchPlan plan, AccountSearchCursor? after)
    {
        var rank = after?.Rank ?? -1;
        var branches = new List<(string Name, string Sql)>(4);
        if (plan.MatchesNames && rank <= AccountSearchRank.StartsWith)
        {
            branches.Add(("starts", Starts(after is not null)));
        }

        if (plan.MatchesNames && rank <= AccountSearchRank.WordPrefixes)
        {
            branches.Add(("words", Words(plan, rank == AccountSearchRank.WordPrefixes, Gate(branches))));
        }

        if (MatchesTypos(plan, after))
        {
            branches.Add(("typo", Typo(plan, Gate(branches))));
        }

        if (plan.MatchesEmails && rank <= AccountSearchRank.Email)
        {
            branches.Add(("email", Email(plan, rank == AccountSearchRank.Email, Gate(branches))));
        }

        return branches.Count == 0 ? null : Page(branches, after is not null);
    }

    private static string Page(List<(string Name, string Sql)> branches, bool afterCursor)
    {
        var keyset = afterCursor
            ? "where (rank, -score, name collate \"C\", id collate \"C\") > (@after_rank, -@after_score, @after_name collate \"C\", @after_id collate \"C\") "
            : string.Empty;
        const string order = "order by p.rank, p.score desc, p.name collate \"C\", p.id collate \"C\"";
        return
            "with " + string.Join(", ", branches.Select(b => $"{b.Name} {Columns} as materialized ({b.Sql})")) +
            $", hits as ({string.Join(" union all ", branches.Select(b => $"select * from {b.Name}"))}), " +
            $"page as (select * from hits {keyset}{order.Replace("p.", string.Empty, StringComparison.Ordinal)} limit @take) " +
            "select p.rank, p.score, p.name, p.id, coalesce(p.display, a.display), coalesce(p.contacts, a.contacts), p.matched_on from page as p " +
            "left join lateral (select data ->> 'name' as display, jsonb_array_length(data -> 'contacts') as contacts " +
            $"from {Table} where p.display is null and tenant_id = @tenant and id = p.id offset 0) as a on true {order}"; // offset 0: a one-time filter per row, no probe for rows that carry their name
    }

    /// <summary>Runs a branch only while the branches before it found fewer than a page (a one-time filter: nothing is read otherwise).</summary>
    private static string Gate(List<(string Name, string Sql)> before) =>
        before.Count == 0 ? string.Empty : $"{string.Join(" + ", before.Select(b => $"(select count(*) from {b.Name})"))} < @take and ";

    /// <summary>
    /// The exact and starts-with ranks, read in page order from the btree of (tenant, name in byte order), ties of a name by id:
    /// the range [<c>@starts_from</c>, <c>@starts_to</c>) is exactly the names starting with the words (the upper bound
    /// appends U+10FFFF, which no normalized name holds), so a page is the first rows of one index range, in the same plan
    /// whatever the values. The exact name sorts first among the names starting with it and every score is 0, so
    /// (name, id) is the rank order. These rows carry their name and contact count, so none is read twice.
    /// </summary>
    private static string Starts(bool afterCursor) =>
        $"select {StartsRank}, 0::real, search_name_ordered, id, 'name', data ->> 'name', jsonb_array_length(data -> 'contacts') {StartsRange(afterCursor)}";

    /// <summary>
    /// The "starts with" branch alone, in the columns of a page (<see cref="For"/>): most name searches are answered by it, a
    /// statement whose one plan suits every value (<see cref="AccountSearchDatabase.StartupOptions"/>). A page plus one row from it is the whole
    /// statement's page, since the other branches run only when it holds fewer.
    /// </summary>
    /// <returns>Null when the text matches no name or the cursor is past the starts-with ranks.</returns>
    public static string? StartsPage(AccountSearchPlan plan, AccountSearchCursor? after) =>
        plan.MatchesNames && (after?.Rank ?? -1) <= AccountSearchRank.StartsWith
            ? $"select {StartsRank}, 0::real, search_name_ordered, id, data ->> 'name', jsonb_array_length(data -> 'contacts'), 'name' {StartsRange(after is not null)}"
            : null;

    private static readonly string StartsRank = $"case when search_name_ordered = @exact then {AccountSearchRank.Exact} else {AccountSearchRank.StartsWith} end";

    private static string StartsRange(bool afterCursor) =>
        $"from {Table} where tenant_id = @tenant and {Name} >= @starts_from and {Name} < @starts_to " +
        $"{(afterCursor ? AfterName : string.Empty)}order by {NameOrder} limit @take";

    /// <summary>
    /// Word-prefix matches that do not start with q (<see cref="WordsByDriver"/> for one word of three letters or more).
    /// <c>offset 0</c> keeps the GIN probe the plan's way in: without it the planner may walk the name btree in page order
    /// and test every row of the tenant against the lexemes.
    /// </summary>
    private static string Words(AccountSearchPlan plan, bool afterCursor, string gate) => plan.Driver is not null ? WordsByDriver(afterCursor, gate) :
        $"select * from (select {AccountSearchRank.WordPrefixes}, 0::real, search_name_ordered, id, 'name', null::text, null::int from {Table} " +
        $"where {gate}{TenantFilter} and {NameWords} @@ {ExpandedPrefixes(plan)} and search_name_ordered not like @starts {(afterCursor ? AfterName : string.Empty)}" +
        $"offset 0) as words (rank, score, name, id, matched_on, display, contacts) {FencedOrder}";

    /// <summary>At most this many dictionary words stand for a searched word's prefix; more, and the prefix lexeme is probed.</summary>
    public const int MaxExpansion = 200;

    /// <summary>
    /// <c>@prefixes</c> with each searched word's prefix lexeme replaced by the dictionary words starting with it, OR-ed (a range
    /// of the dictionary's byte-ordered index): the GIN index answers exact lexemes from their posting lists, where a prefix
    /// lexeme gathers every matching entry's rows into a bitmap first ("pine lak": 0.6 ms instead of 4 ms). A word no dictionary
    /// word starts with makes the query null (no name holds such a word); a word starting more than
    /// <see cref="MaxExpansion"/> dictionary words keeps its prefix lexeme (<c>@w{i}_any</c>).
    /// </summary>
    private static string ExpandedPrefixes(AccountSearchPlan plan) =>
        "(" + string.Join(" || ' & ' || ", Enumerable.Range(0, plan.WordList.Length).Select(i =>
            $"(select case when count(*) <= {MaxExpansion} then '(' || string_agg('''' || word || '''', ' | ') || ')' else @w{i}_any end " +
            $"from {AccountSearchWords.Table} where tenant_id = @tenant and word collate \"C\" >= @w{i} and word collate \"C\" < @w{i}_to)")) +
        ")::tsquery";

    /// <summary>
    /// Word-prefix matches of one searched word (the driver) read from <see cref="AccountSearchEntries"/>: for each dictionary
    /// word starting with it (a range of the dictionary's byte-ordered index), its accounts in page order up to a page, each
    /// account once (under the first of its words starting with the driver), leaving out names that start with it; the pages
    /// of the few words are merged. A page costs about a page of index entries per dictionary word, where the GIN probe of a
    /// prefix builds the bitmap of every account holding any word starting with it ("supply": 2,870 rows for 21).
    /// </summary>
    private static string WordsByDriver(bool afterCursor, string gate) =>
        $"select {AccountSearchRank.WordPrefixes}, 0::real, e.name, e.id, 'name', null::text, null::int from (" +
        $"select word from {AccountSearchWords.Table} where {gate}tenant_id = @tenant and word collate \"C\" >= @driver and word collate \"C\" < @driver_to) as w " +
        "cross join lateral (" +
        $"select x.search_name as name, x.account_id as id from {AccountSearchEntries.Table} as x where x.tenant_id = @tenant and x.word = w.word " +
        "and w.word = (select min(v) from unnest(string_to_array(btrim(x.search_name), ' ')) as v where starts_with(v, @driver)) " +
        $"and {EveryWordStarts("x.search_name")} and x.search_name not like @starts " +
        (afterCursor ? "and (x.search_name collate \"C\", x.account_id collate \"C\") > (@after_name collate \"C\", @after_id collate \"C\") " : string.Empty) +
        "order by x.search_name collate \"C\", x.account_id collate \"C\" limit @take) as e order by e.name collate \"C\", e.id collate \"C\" limit @take";

    /// <summary>Every searched word starts a word of <paramref name="name"/> (a search name framed by spaces).</summary>
    private static string EveryWordStarts(string name) => $"not exists (select 1 from unnest(@word_list) as p where strpos({name}, ' ' || p) = 0)";

    /// <summary>
    /// Per fuzzy word its dictionary candidates (an array, empty when it has none, so nothing matches); the accounts are read
    /// from <see cref="AccountSearchEntries"/> a candidate of the first fuzzy word at a time, in name order, each account once
    /// (under the first of its words that is a candidate), and kept when they hold a candidate of every other fuzzy word and a
    /// word starting with each shorter word; the rows the word-prefix branch finds (every word a word prefix) are left out.
    /// The names are framed by spaces, so "holds a word starting with w" is <c>strpos(name, ' ' || w) &gt; 0</c>.
    /// </summary>
    private static string Typo(AccountSearchPlan plan, string gate)
    {
        var fuzzy = Enumerable.Range(0, plan.WordList.Length).Where(plan.IsFuzzyWord).ToList();
        var first = fuzzy[0];
        const string words = "string_to_array(btrim(x.search_name), ' ')";
        var others = string.Concat(fuzzy.Skip(1).Select(i => $"and {words} && cand.c{i} "));
        var shorts = fuzzy.Count < plan.WordList.Length
            ? "and not exists (select 1 from unnest(@short_words) as s where strpos(x.search_name, ' ' || s) = 0) "
            : string.Empty;
        return
            $"select {AccountSearchRank.Similar}, word_similarity(@words, name), name, id, 'name', null::text, null::int from (" +
            $"select e.name, e.id from (select {string.Join(", ", fuzzy.Select(i => $"{Candidates(i)} as c{i}"))} where {gate}true offset 0) as cand " + // offset 0: the candidates are looked up once, not again wherever they are used
            $"cross join lateral unnest(cand.c{first}) as c (word) cross join lateral (" +
            $"select x.search_name as name, x.account_id as id from {AccountSearchEntries.Table} as x where x.tenant_id = @tenant and x.word = c.word " +
            $"and c.word = (select min(w) from unnest({words}) as w where w = any(cand.c{first})) {others}{shorts}" +
            $"and not {EveryWordStarts("x.search_name")} " +
            $"order by x.search_name collate \"C\" limit {TypoCandidates}) as e limit {TypoCandidates}) as typo";
    }

    /// <summary>A fuzzy word's dictionary candidates, the most similar first.</summary>
    private static string Candidates(int word) =>
        $"array(select word from {AccountSearchWords.Table} where tenant_id = @tenant and @fuzzy{word} <% word " +
        $"order by word_similarity(@fuzzy{word}, word) desc, word limit {TypoWords})";

    private static string Email(AccountSearchPlan plan, bool afterCursor, string gate) =>
        $"select * from (select {AccountSearchRank.Email}, 0::real, search_name_ordered, id, 'email', null::text, null::int from {Table} " +
        $"where {gate}{TenantFilter} and array_to_tsvector(search_address_tokens) @@ @email " +
        (plan.MatchesNames ? $"and not {NameWords} @@ @prefixes " : string.Empty) +
        $"{(afterCursor ? AfterName : string.Empty)}offset 0) as email (rank, score, name, id, matched_on, display, contacts) {FencedOrder}";
}

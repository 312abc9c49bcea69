namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// The statements of one search, assembled from fixed fragments (the searched text only ever travels as
/// parameters): <see cref="StartsWith"/> over the byte-ordered btree, then <see cref="For"/>, whose branches are one GIN
/// probe each of the tenant's rows: every word a word prefix of the
/// name (<c>search_name like @prefix0 and …</c>), every word similar to a stretch of the name
/// (<c>@fuzzy0 &lt;% search_name and …</c>; a word shorter than three letters must still start a word), an address prefix (<c>array_to_tsvector(search_address_tokens) @@ @email</c>, a prefix lexeme). A row found
/// by several branches keeps its best rank; the page is ordered by rank, similarity, name and id, and
/// continues after the cursor's key. Only the page's rows are joined back for their name and contact count.
/// </summary>
internal static class AccountSearchSql
{
    private const string Table = $"{ContactDirectoryModule.Schema}.mt_doc_account";

    /// <summary>
    /// Word similarity (0..1: the share of a word's trigrams found in the best-matching stretch of the name)
    /// from which a name word counts as a typo of a searched word: "grenfeild" against "greenfield" is 0.33,
    /// the default of 0.6 misses it. Set for the statement's transaction only.
    /// </summary>
    public const string SimilarityThreshold = "0.3";

    /// <summary>
    /// At most this many typo candidates per search: the GIN probe of a four-letter word at 0.3 finds about a tenth of a
    /// large tenant, and every candidate's similarity is recomputed; past this many the page shows the best of those read.
    /// </summary>
    public const int TypoCandidates = 300;

    public const string SetThreshold = $"select set_config('pg_trgm.word_similarity_threshold', '{SimilarityThreshold}', true)";

    /// <param name="namesOnly">Only the word-prefix branch: its ranks come before every other branch's, so when it fills a page the others need not run.</param>
    public static string For(AccountSearchPlan plan, bool afterCursor, bool namesOnly)
    {
        var branches = new List<string>(3);
        if (plan.MatchesNames)
        {
            branches.Add(
                $"select id, case when search_name = @exact then {AccountSearchRank.Exact} when search_name like @starts then {AccountSearchRank.StartsWith} " +
                $"else {AccountSearchRank.WordPrefixes} end, 0::real, 'name', search_name " +
                $"from {Table} where tenant_id = @tenant and {PrefixCondition(plan)}");
        }

        if (plan.Fuzzy && !namesOnly)
        {
            branches.Add(
                $"select id, {AccountSearchRank.Similar}, word_similarity(@words, search_name), 'name', search_name " +
                $"from (select id, search_name from {Table} where tenant_id = @tenant and {FuzzyCondition(plan)} limit {TypoCandidates}) as typo");
        }

        if (plan.EmailPattern is not null && !namesOnly)
        {
            branches.Add($"select id, {AccountSearchRank.Email}, 0::real, 'email', search_name from {Table} where tenant_id = @tenant and array_to_tsvector(search_address_tokens) @@ @email");
        }

        // A row found by several branches keeps its best rank; with one branch there is nothing to merge.
        var best = branches.Count > 1
            ? "best as (select distinct on (id) * from hits order by id, rank, score desc), "
            : "best as (select * from hits), ";
        var keyset = afterCursor
            ? "where (rank, -score, search_name collate \"C\", id collate \"C\") > (@after_rank, -@after_score, @after_name collate \"C\", @after_id collate \"C\") "
            : string.Empty;
        const string order = "order by p.rank, p.score desc, p.search_name collate \"C\", p.id collate \"C\"";
        return
            $"with hits (id, rank, score, matched_on, search_name) as ({string.Join(" union all ", branches)}), " + best +
            $"page as (select * from best {keyset}{order.Replace("p.", string.Empty, StringComparison.Ordinal)} limit @take) " +
            "select p.rank, p.score, p.search_name, p.id, a.data ->> 'name', jsonb_array_length(a.data -> 'contacts'), p.matched_on " +
            $"from page as p join {Table} as a on a.tenant_id = @tenant and a.id = p.id {order}";
    }

    /// <summary>
    /// The exact and starts-with ranks alone, read in page order from the byte-ordered btree index of
    /// <c>search_name_ordered</c> (a LIKE with a fixed prefix under <c>collate "C"</c> is a range of it): the exact name sorts
    /// first among the names starting with it, and every score is 0, so (name, id) is the rank order.
    /// </summary>
    public static string StartsWith(bool afterCursor)
    {
        const string name = "search_name_ordered collate \"C\"";
        var keyset = afterCursor ? $"and ({name}, id collate \"C\") > (@after_name collate \"C\", @after_id collate \"C\") " : string.Empty;
        return
            $"select case when search_name_ordered = @exact then {AccountSearchRank.Exact} else {AccountSearchRank.StartsWith} end, 0::real, " +
            $"search_name_ordered, id, data ->> 'name', jsonb_array_length(data -> 'contacts'), 'name' " +
            $"from {Table} where tenant_id = @tenant and {name} like @starts {keyset}order by {name}, id collate \"C\" limit @take";
    }

    /// <summary>
    /// Every word a word prefix: one LIKE per word (<c>@prefixN</c>), each a probe of the trigram index that the
    /// planner intersects; <c>like all(array)</c> would read the same but no GIN index can answer it.
    /// </summary>
    private static string PrefixCondition(AccountSearchPlan plan) =>
        string.Join(" and ", plan.WordList.Select((_, i) => $"search_name like @prefix{i}"));

    /// <summary>Per word: similar (<c>@fuzzyN</c>) when long enough, else a word prefix (<c>@prefixN</c>).</summary>
    private static string FuzzyCondition(AccountSearchPlan plan) =>
        string.Join(" and ", plan.WordList.Select((_, i) => plan.IsFuzzyWord(i) ? $"@fuzzy{i} <% search_name" : $"search_name like @prefix{i}"));
}

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// The statement of one search, assembled from fixed fragments (the searched text only ever travels as
/// parameters). Each branch is one trigram GIN probe of the tenant's rows: every word a word prefix of the
/// name (<c>search_name like all(@prefixes)</c>), every word similar to a stretch of the name
/// (<c>@fuzzy0 &lt;% search_name and …</c>; a word shorter than three letters must still start a word), an address pattern (<c>search_emails like @email</c>). A row found
/// by several branches keeps its best rank; the page is ordered by rank, similarity, name and id, and
/// continues after the cursor's key.
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

    public const string SetThreshold = $"select set_config('pg_trgm.word_similarity_threshold', '{SimilarityThreshold}', true)";

    public static string For(AccountSearchPlan plan, bool afterCursor)
    {
        var branches = new List<string>(3);
        if (plan.MatchesNames)
        {
            branches.Add(
                $"select id, case when search_name = @exact then {AccountSearchRank.Exact} when search_name like @starts then {AccountSearchRank.StartsWith} " +
                $"else {AccountSearchRank.WordPrefixes} end, 0::real, 'name' " +
                $"from {Table} where tenant_id = @tenant and search_name like all(@prefixes)");
        }

        if (plan.Fuzzy)
        {
            branches.Add(
                $"select id, {AccountSearchRank.Similar}, word_similarity(@words, search_name), 'name' " +
                $"from {Table} where tenant_id = @tenant and {FuzzyCondition(plan)}");
        }

        if (plan.EmailPattern is not null)
        {
            branches.Add($"select id, {AccountSearchRank.Email}, 0::real, 'email' from {Table} where tenant_id = @tenant and search_emails like @email");
        }

        var keyset = afterCursor
            ? "where (b.rank, -b.score, a.search_name collate \"C\", a.id collate \"C\") > (@after_rank, -@after_score, @after_name collate \"C\", @after_id collate \"C\") "
            : string.Empty;
        return
            $"with hits (id, rank, score, matched_on) as ({string.Join(" union all ", branches)}), " +
            "best as (select distinct on (id) id, rank, score, matched_on from hits order by id, rank, score desc) " +
            "select b.rank, b.score, a.search_name, a.id, a.data ->> 'name', jsonb_array_length(a.data -> 'contacts'), b.matched_on " +
            $"from best as b join {Table} as a on a.tenant_id = @tenant and a.id = b.id " +
            keyset +
            "order by b.rank, b.score desc, a.search_name collate \"C\", a.id collate \"C\" limit @take";
    }

    /// <summary>Per word: similar (<c>@fuzzyN</c>) when long enough, else a word prefix (<c>@prefixN</c>).</summary>
    private static string FuzzyCondition(AccountSearchPlan plan) =>
        string.Join(" and ", plan.WordList.Select((_, i) => plan.IsFuzzyWord(i) ? $"@fuzzy{i} <% search_name" : $"search_name like @prefix{i}"));
}

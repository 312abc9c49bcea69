using System.Data.Common;
using Marten;
using Mediator;
using Npgsql;
using NpgsqlTypes;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// Runs one search: the similarity threshold for this transaction, then the page plus one row (which says whether
/// a next page exists); first from the word-prefix branch alone, then, when that does not fill the page, from all. Tenant-scoped by the session's tenant like every read here.
/// </summary>
internal sealed class SearchAccountsHandler(IQuerySession session) : IQueryHandler<SearchAccounts, AccountSearchPage>
{
    public async ValueTask<AccountSearchPage> Handle(SearchAccounts query, CancellationToken cancellationToken)
    {
        var plan = AccountSearchPlan.For(query.Text);
        if (!plan.MatchesNames && plan.EmailPattern is null)
        {
            return new AccountSearchPage([], null); // only punctuation: nothing to match
        }

        AccountSearchCursor.TryDecode(query.Cursor, out var after);
        if (plan.MatchesNames && (after is null || after.Rank <= AccountSearchRank.StartsWith))
        {
            // Names starting with the text rank first and come in page order from a btree range: when they fill the page, nothing else runs.
            var starts = await ReadAsync(StartsWithCommand(plan, after, query.PageSize), query.PageSize, cancellationToken);
            if (starts.Count > query.PageSize)
            {
                return PageOf(starts, query.PageSize);
            }
        }

        var others = plan.Fuzzy || plan.EmailPattern is not null;
        if (plan.MatchesNames && others && (after is null || after.Rank <= AccountSearchRank.WordPrefixes))
        {
            // Word-prefix matches rank before typos and addresses: when they fill the page, the costlier branches need not run.
            var names = await ReadAsync(Command(plan, after, query.PageSize, namesOnly: true), query.PageSize, cancellationToken);
            if (names.Count > query.PageSize)
            {
                return PageOf(names, query.PageSize);
            }
        }

        return PageOf(await ReadAsync(Command(plan, after, query.PageSize, namesOnly: false), query.PageSize, cancellationToken), query.PageSize);
    }

    private static AccountSearchPage PageOf(List<(AccountSearchCursor Key, AccountSearchHit Hit)> rows, int pageSize)
    {
        var page = rows.Take(pageSize).ToList();
        return new AccountSearchPage([.. page.Select(r => r.Hit)], rows.Count > pageSize ? page[^1].Key.Encode() : null);
    }

    private async Task<List<(AccountSearchCursor Key, AccountSearchHit Hit)>> ReadAsync(NpgsqlCommand statement, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = statement;
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past the threshold's row
        var rows = new List<(AccountSearchCursor Key, AccountSearchHit Hit)>(pageSize + 1);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private NpgsqlCommand StartsWithCommand(AccountSearchPlan plan, AccountSearchCursor? after, int pageSize)
    {
        var command = new NpgsqlCommand($"{AccountSearchSql.SetThreshold}; {AccountSearchSql.StartsWith(after is not null)}");
        var p = command.Parameters;
        p.AddWithValue("tenant", session.TenantId);
        p.AddWithValue("take", pageSize + 1);
        p.AddWithValue("exact", plan.Exact);
        p.AddWithValue("starts", plan.StartsWith);
        if (after is not null)
        {
            p.AddWithValue("after_name", after.Name);
            p.AddWithValue("after_id", after.Id);
        }

        return command;
    }

    private NpgsqlCommand Command(AccountSearchPlan plan, AccountSearchCursor? after, int pageSize, bool namesOnly)
    {
        var command = new NpgsqlCommand($"{AccountSearchSql.SetThreshold}; {AccountSearchSql.For(plan, after is not null, namesOnly)}");
        var p = command.Parameters;
        p.AddWithValue("tenant", session.TenantId);
        p.AddWithValue("take", pageSize + 1);
        if (plan.MatchesNames)
        {
            p.AddWithValue("exact", plan.Exact);
            p.AddWithValue("starts", plan.StartsWith);
            for (var i = 0; i < plan.WordList.Length; i++)
            {
                p.AddWithValue($"prefix{i}", plan.WordPrefixes[i]);
            }
        }

        if (plan.Fuzzy && !namesOnly)
        {
            p.AddWithValue("words", plan.Words);
            foreach (var i in Enumerable.Range(0, plan.WordList.Length).Where(plan.IsFuzzyWord))
            {
                p.AddWithValue($"fuzzy{i}", plan.WordList[i]); // the short words' @prefixN are the name branch's
            }
        }

        if (plan.EmailPattern is not null && !namesOnly)
        {
            p.AddWithValue("email", NpgsqlDbType.TsQuery, new NpgsqlTsQueryLexeme(plan.EmailPrefix!, NpgsqlTsQueryLexeme.Weight.None, isPrefixSearch: true));
        }

        if (after is not null)
        {
            p.AddWithValue("after_rank", after.Rank);
            p.AddWithValue("after_score", NpgsqlDbType.Real, after.Score);
            p.AddWithValue("after_name", after.Name);
            p.AddWithValue("after_id", after.Id);
        }

        return command;
    }

    private static (AccountSearchCursor, AccountSearchHit) Read(DbDataReader reader)
    {
        var (rank, score, searchName, id) = (reader.GetInt32(0), reader.GetFloat(1), reader.GetString(2), reader.GetString(3));
        var hit = new AccountSearchHit(id, reader.GetString(4), reader.GetInt32(5), reader.GetString(6));
        return (new AccountSearchCursor(rank, score, searchName, id), hit);
    }
}

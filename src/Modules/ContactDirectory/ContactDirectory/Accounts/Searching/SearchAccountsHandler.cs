using System.Data.Common;
using Marten;
using Mediator;
using Npgsql;
using NpgsqlTypes;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// Runs one search as one round trip: the similarity threshold for this transaction, then the page plus one
/// row, which says whether a next page exists. Tenant-scoped by the session's tenant like every read here.
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
        await using var command = Command(plan, after, query.PageSize);
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past the threshold's row
        var rows = new List<(AccountSearchCursor Key, AccountSearchHit Hit)>(query.PageSize + 1);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        var hasMore = rows.Count > query.PageSize;
        var page = rows.Take(query.PageSize).ToList();
        return new AccountSearchPage([.. page.Select(r => r.Hit)], hasMore ? page[^1].Key.Encode() : null);
    }

    private NpgsqlCommand Command(AccountSearchPlan plan, AccountSearchCursor? after, int pageSize)
    {
        var command = new NpgsqlCommand($"{AccountSearchSql.SetThreshold}; {AccountSearchSql.For(plan, after is not null)}");
        var p = command.Parameters;
        p.AddWithValue("tenant", session.TenantId);
        p.AddWithValue("take", pageSize + 1);
        if (plan.MatchesNames)
        {
            p.AddWithValue("exact", plan.Exact);
            p.AddWithValue("starts", plan.StartsWith);
            p.AddWithValue("prefixes", NpgsqlDbType.Array | NpgsqlDbType.Text, plan.WordPrefixes);
        }

        if (plan.Fuzzy)
        {
            p.AddWithValue("words", plan.Words);
            for (var i = 0; i < plan.WordList.Length; i++)
            {
                p.AddWithValue(plan.IsFuzzyWord(i) ? $"fuzzy{i}" : $"prefix{i}", plan.IsFuzzyWord(i) ? plan.WordList[i] : plan.WordPrefixes[i]);
            }
        }

        if (plan.EmailPattern is not null)
        {
            p.AddWithValue("email", plan.EmailPattern);
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

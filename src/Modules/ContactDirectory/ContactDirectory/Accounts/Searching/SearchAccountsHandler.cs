using System.Data.Common;
using Mediator;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// Runs one search on a connection of <see cref="AccountSearchDatabase"/> (which starts with the search's settings): first
/// "starts with" alone (<see cref="AccountSearchSql.StartsPage"/>), which answers most name searches with one index range;
/// when it holds less than the page, the one statement of every branch (<see cref="AccountSearchSql"/>). Each asks for the
/// page plus one row (which says whether a next page exists). Tenant-scoped by the request's tenant like every read here.
/// </summary>
internal sealed class SearchAccountsHandler(AccountSearchDatabase database, ITenantContext tenant) : IQueryHandler<SearchAccounts, AccountSearchPage>
{
    private static readonly AccountSearchPage Empty = new([], null);

    public async ValueTask<AccountSearchPage> Handle(SearchAccounts query, CancellationToken cancellationToken)
    {
        var plan = AccountSearchPlan.For(query.Text);
        AccountSearchCursor.TryDecode(query.Cursor, out var after);
        if (!plan.MatchesNames && !plan.MatchesEmails)
        {
            return Empty; // only punctuation
        }

        var tenantId = tenant.TenantId;
        await using var connection = await database.OpenAsync(cancellationToken);
        if (AccountSearchSql.StartsPage(plan, after) is { } starts)
        {
            await using var command = new NpgsqlCommand(starts, connection);
            AddStartsParameters(command.Parameters, tenantId, plan, after, query.PageSize);
            if (await ReadAsync(command, query.PageSize, cancellationToken) is { NextCursor: not null } page)
            {
                return page; // a full page and more: the other branches would not run
            }
        }

        if (AccountSearchSql.For(plan, after) is not { } statement)
        {
            return Empty; // a cursor past every rank this text can match
        }

        await using var search = new NpgsqlCommand(statement, connection);
        AddParameters(search.Parameters, tenantId, plan, after, query.PageSize);
        return await ReadAsync(search, query.PageSize, cancellationToken);
    }

    /// <summary>The page of a command: the page's rows, and one more when there is a next page.</summary>
    private static async Task<AccountSearchPage> ReadAsync(NpgsqlCommand command, int pageSize, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var hits = new List<AccountSearchHit>(pageSize);
        AccountSearchCursor? last = null;
        var more = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (hits.Count == pageSize)
            {
                more = true;
                break;
            }

            (last, var hit) = Read(reader);
            hits.Add(hit);
        }

        return new AccountSearchPage(hits, more ? last!.Encode() : null);
    }

    /// <summary>The parameters of <see cref="AccountSearchSql.StartsPage"/>.</summary>
    private static void AddStartsParameters(NpgsqlParameterCollection p, string tenantId, AccountSearchPlan plan, AccountSearchCursor? after, int pageSize)
    {
        AddPage(p, tenantId, pageSize, after);
        AddStartsRange(p, plan);
    }

    /// <summary>The tenant, the page plus one row, and the name and id of the cursor (every statement pages by them).</summary>
    private static void AddPage(NpgsqlParameterCollection p, string tenantId, int pageSize, AccountSearchCursor? after)
    {
        p.AddWithValue("tenant", tenantId);
        p.AddWithValue("take", pageSize + 1);
        if (after is not null)
        {
            p.AddWithValue("after_name", after.Name);
            p.AddWithValue("after_id", after.Id);
        }
    }

    /// <summary>The exact name and the range of names starting with the text.</summary>
    private static void AddStartsRange(NpgsqlParameterCollection p, AccountSearchPlan plan)
    {
        p.AddWithValue("exact", plan.Exact);
        p.AddWithValue("starts_from", plan.StartsFrom);
        p.AddWithValue("starts_to", plan.StartsTo);
    }

    /// <summary>The parameters of <see cref="AccountSearchSql.For"/>: only those its branches read.</summary>
    private static void AddParameters(NpgsqlParameterCollection p, string tenantId, AccountSearchPlan plan, AccountSearchCursor? after, int pageSize)
    {
        AddPage(p, tenantId, pageSize, after);
        var rank = after?.Rank ?? AccountSearchRank.Exact;
        if (plan.MatchesNames)
        {
            if (rank <= AccountSearchRank.StartsWith)
            {
                AddStartsRange(p, plan);
            }

            if (rank <= AccountSearchRank.WordPrefixes)
            {
                p.AddWithValue("starts", plan.StartsWith);
            }

            if (rank <= AccountSearchRank.WordPrefixes || AccountSearchSql.MatchesTypos(plan, after))
            {
                p.AddWithValue("word_list", plan.WordList);
            }

            if (rank <= AccountSearchRank.WordPrefixes && plan.Driver is { } driver)
            {
                p.AddWithValue("driver", driver);
                p.AddWithValue("driver_to", plan.DriverTo);
            }
            else if (rank <= AccountSearchRank.WordPrefixes)
            {
                for (var i = 0; i < plan.WordList.Length; i++) // the dictionary range of each word, and its prefix lexeme
                {
                    p.AddWithValue($"w{i}", plan.WordList[i]);
                    p.AddWithValue($"w{i}_to", AccountSearchPlan.Above(plan.WordList[i]));
                    p.AddWithValue($"w{i}_any", $"'{plan.WordList[i]}':*");
                }
            }
        }

        if (AccountSearchSql.MatchesTypos(plan, after))
        {
            AddTypoParameters(p, plan);
        }

        if (plan.MatchesEmails)
        {
            p.AddWithValue("email", NpgsqlDbType.TsQuery, Prefix(plan.EmailPrefix!));
            if (plan.MatchesNames)
            {
                p.AddWithValue("prefixes", NpgsqlDbType.TsQuery, AllOf(plan.WordList)); // the address branch leaves out the names every word prefixes
            }
        }

        if (after is not null)
        {
            p.AddWithValue("after_rank", after.Rank);
            p.AddWithValue("after_score", NpgsqlDbType.Real, after.Score);
        }
    }

    /// <summary>The whole text (its similarity scores a row), each fuzzy word alone, and the shorter words.</summary>
    private static void AddTypoParameters(NpgsqlParameterCollection p, AccountSearchPlan plan)
    {
        p.AddWithValue("words", plan.Words);
        var shorts = new List<string>();
        for (var i = 0; i < plan.WordList.Length; i++)
        {
            if (plan.IsFuzzyWord(i))
            {
                p.AddWithValue($"fuzzy{i}", plan.WordList[i]);
            }
            else
            {
                shorts.Add(plan.WordList[i]);
            }
        }

        if (shorts.Count > 0)
        {
            p.AddWithValue("short_words", shorts.ToArray());
        }
    }

    /// <summary>Every word a prefix lexeme, AND-ed: each must start a lexeme of the indexed array.</summary>
    private static NpgsqlTsQuery AllOf(string[] words) =>
        words.Skip(1).Aggregate<string, NpgsqlTsQuery>(Prefix(words[0]), (all, word) => new NpgsqlTsQueryAnd(all, Prefix(word)));

    private static NpgsqlTsQueryLexeme Prefix(string text) => new(text, NpgsqlTsQueryLexeme.Weight.None, isPrefixSearch: true);

    private static (AccountSearchCursor, AccountSearchHit) Read(DbDataReader reader)
    {
        var (rank, score, searchName, id) = (reader.GetInt32(0), reader.GetFloat(1), reader.GetString(2), reader.GetString(3));
        var hit = new AccountSearchHit(id, reader.GetString(4), reader.GetInt32(5), reader.GetString(6));
        return (new AccountSearchCursor(rank, score, searchName, id), hit);
    }
}

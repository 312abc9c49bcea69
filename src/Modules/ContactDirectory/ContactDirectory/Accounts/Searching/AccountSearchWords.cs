using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// The per-tenant dictionary of name words the typo match looks candidates up in: one row per (tenant, word) ever seen in an
/// account name, with a trigram GIN index on the word. A few thousand short rows per tenant instead of every account's name,
/// so a typo's trigram probe is small; the accounts holding the candidates are then an exact-lexeme probe of
/// <c>search_name_words</c>. Written inline with every registration and rename (<see cref="AccountSearchWordsProjection"/>)
/// and never pruned: a word no account holds any more is a candidate that finds nothing.
/// </summary>
internal static class AccountSearchWords
{
    public const string TableName = "account_search_word";

    public const string Table = $"{ContactDirectoryModule.Schema}.{TableName}";

    public const string PrefixIndexName = $"ix_{TableName}_prefix";

    /// <summary>The words of one write, in ordinal order (two writers adding the same new words lock them in the same order).</summary>
    public const string Insert = $"insert into {Table} (tenant_id, word) select ?, unnest(?) order by 2 on conflict do nothing";

    /// <summary>
    /// Fills the dictionary from the stored accounts (a database whose accounts predate it, or rows written without events,
    /// like a bulk insert); idempotent.
    /// </summary>
    public const string Backfill =
        $"insert into {Table} (tenant_id, word) select distinct tenant_id, unnest(search_name_words) from {ContactDirectoryModule.Schema}.mt_doc_account " +
        "where search_name_words is not null order by 1, 2 on conflict do nothing";

    /// <summary>
    /// Which account rows lack their name words: the predicate of a partial index (<see cref="MissingIndexName"/>) that holds
    /// only such rows, so finding them at start reads an empty index, not the table.
    /// </summary>
    public const string Missing = "coalesce(cardinality(search_name_words), 0) = 0";

    public const string MissingIndexName = "mt_doc_account_idx_search_name_words_missing";

    /// <summary>Rows one <see cref="FillMissing"/> fills at most: a start after an upgrade locks a batch at a time, never the table.</summary>
    public const int FillBatch = 5_000;

    /// <summary>
    /// The name words of up to <see cref="FillBatch"/> rows written before <c>search_name_words</c> existed (Marten fills a new
    /// duplicated column from the JSON, which does not hold them), split from <c>search_name_ordered</c> (the same normalized
    /// words framed by spaces), and their words added to the dictionary; answers how many rows it filled. Rows another host
    /// is filling are skipped, not waited for. Touches no row that has its words; idempotent.
    /// </summary>
    public static readonly string FillMissing =
        $"with missing as (select tenant_id, id from {ContactDirectoryModule.Schema}.mt_doc_account where {Missing} " +
        $"and btrim(search_name_ordered) <> '' limit {FillBatch} for update skip locked), " +
        $"filled as (update {ContactDirectoryModule.Schema}.mt_doc_account as a set search_name_words = " +
        "array(select distinct w from unnest(string_to_array(btrim(a.search_name_ordered), ' ')) as w where w <> '' order by 1) " +
        "from missing as m where a.tenant_id = m.tenant_id and a.id = m.id returning a.tenant_id, a.search_name_words), " +
        $"added as (insert into {Table} (tenant_id, word) select distinct tenant_id, unnest(search_name_words) from filled order by 1, 2 on conflict do nothing) " +
        "select count(*)::int from filled";

    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(ContactDirectoryModule.Schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("tenant_id", "text").AsPrimaryKey();
        table.AddColumn("word", "text").AsPrimaryKey();
        var trigrams = new IndexDefinition($"ix_{TableName}_trigram") { Method = IndexMethod.gin, Columns = ["word"], Mask = "? gin_trgm_ops" };
        trigrams.StorageParameters["fastupdate"] = "off";
        table.Indexes.Add(trigrams);

        // The tenant's words in byte order: the words starting with a prefix are one range (the word-prefix match's drivers).
        table.Indexes.Add(new IndexDefinition(PrefixIndexName) { Columns = ["word"], Mask = "tenant_id, ? collate \"C\"" });
        return table;
    }
}

/// <summary>
/// At start, after the schema migration: <see cref="AccountSearchWords.FillMissing"/> batch after batch until a batch is not
/// full, so an upgraded database's accounts are found by their words (with nothing to fill, one probe of an empty index);
/// then <see cref="AccountSearchEntries.Backfill"/> for accounts without word rows (one anti-join of the accounts and the
/// rows' primary key).
/// </summary>
internal sealed class AccountSearchWordsBackfill(IDocumentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        int filled;
        do
        {
            await using var command = new NpgsqlCommand(AccountSearchWords.FillMissing);
            await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
            filled = await reader.ReadAsync(cancellationToken) ? reader.GetInt32(0) : 0;
        }
        while (filled == AccountSearchWords.FillBatch);

        await using var entries = new NpgsqlCommand(AccountSearchEntries.Backfill);
        await (await session.ExecuteReaderAsync(entries, cancellationToken)).DisposeAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Adds the words of every registered or renamed account name to the tenant's dictionary, and replaces the account's rows of
/// <see cref="AccountSearchEntries"/>, in the write's transaction.
/// </summary>
internal sealed class AccountSearchWordsProjection : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if ((e.Data switch { AccountRegistered x => x.Name, AccountRenamed x => x.Name, _ => null }) is not { } name || e.StreamKey is not { } account)
            {
                continue;
            }

            var nameWords = AccountSearchText.NameWords(name);
            words.UnionWith(nameWords);
            operations.QueueSqlCommand(AccountSearchEntries.Delete, operations.TenantId, account);
            if (nameWords.Length > 0)
            {
                operations.QueueSqlCommand(AccountSearchEntries.Insert, operations.TenantId, account, nameWords, AccountSearchText.Name(name));
            }
        }

        if (words.Count > 0)
        {
            operations.QueueSqlCommand(AccountSearchWords.Insert, operations.TenantId, words.ToArray());
        }

        return Task.CompletedTask;
    }
}

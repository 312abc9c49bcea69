using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// One row per (tenant, account, name word) with the account's search name: the accounts holding a word, read as a short
/// range of one btree in name order. The typo match finds its accounts here, a candidate word at a time, and stops at its
/// cap: the GIN index over <c>search_name_words</c> would build the bitmap of every account holding a common candidate
/// ("apartments": 3,400 of 100,000) before the first row. Written inline with every registration and rename
/// (<see cref="AccountSearchWordsProjection"/>); rows written without events get theirs from <see cref="Backfill"/>.
/// </summary>
internal static class AccountSearchEntries
{
    public const string TableName = "account_search_entry";

    public const string Table = $"{ContactDirectoryModule.Schema}.{TableName}";

    public const string WordIndexName = $"ix_{TableName}_word";

    /// <summary>An account's rows before its new name's: a rename drops the words it no longer holds.</summary>
    public const string Delete = $"delete from {Table} where tenant_id = ? and account_id = ?";

    /// <summary>The rows of one account name: its words (distinct, in ordinal order) with its search name.</summary>
    public const string Insert = $"insert into {Table} (tenant_id, account_id, word, search_name) select ?, ?, unnest(?), ? on conflict do nothing";

    /// <summary>
    /// The rows of every stored account that has none (a database whose accounts predate the table, rows written without
    /// events like a bulk insert, or rows whose words were filled at start), and their words in the dictionary, which the
    /// word-prefix match expands prefixes from; idempotent.
    /// </summary>
    public const string Backfill =
        $"with added as (insert into {Table} (tenant_id, account_id, word, search_name) " +
        $"select a.tenant_id, a.id, unnest(a.search_name_words), a.search_name_ordered from {ContactDirectoryModule.Schema}.mt_doc_account as a " +
        $"where cardinality(a.search_name_words) > 0 and not exists (select 1 from {Table} as e where e.tenant_id = a.tenant_id and e.account_id = a.id) " +
        "on conflict do nothing returning tenant_id, word) " +
        $"insert into {AccountSearchWords.Table} (tenant_id, word) select distinct tenant_id, word from added order by 1, 2 on conflict do nothing";

    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(ContactDirectoryModule.Schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("tenant_id", "text").AsPrimaryKey();
        table.AddColumn("account_id", "text").AsPrimaryKey();
        table.AddColumn("word", "text").AsPrimaryKey();
        table.AddColumn("search_name", "text").NotNull();

        // A word's accounts in the page order (names in byte order), with the id: an index-only range read with a limit.
        var byWord = new IndexDefinition(WordIndexName) { Columns = ["search_name"], Mask = "tenant_id, word, ? collate \"C\"" };
        byWord.IncludeColumns = ["account_id"];
        table.Indexes.Add(byWord);
        return table;
    }
}

using Npgsql;

namespace NavusoftSync.Synchronization;

/// <summary>
/// Creates a table the module keeps beside Marten's documents on first use (<c>create table if not exists</c>), once
/// across hosts: the statements run in one transaction that first takes a transaction-scoped advisory lock, so a second
/// host waits for the first one's commit and then finds the table. Without it, two hosts creating one table at the same
/// moment collide in PostgreSQL's catalog ("type already exists", a unique violation), and the loser's work fails. The
/// errors of a concurrent creator that does not take the lock (Marten creating the schema at start) are expected and
/// ignored.
/// </summary>
internal static class ModuleTables
{
    /// <summary>The two-key form of the advisory lock: a key space apart from the single keys of <c>LinkPushLock</c>.</summary>
    private const string Serialize = "select pg_advisory_xact_lock(1397638739, 1)";

    /// <param name="table">The <c>create table if not exists</c> statement.</param>
    public static async Task CreateAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        try
        {
            // One command of several statements is one implicit transaction: the lock lasts until the table is committed.
            await using var command = new NpgsqlCommand($"{Serialize}; create schema if not exists {SynchronizationModule.Schema}; {table}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable
                                              or PostgresErrorCodes.DuplicateSchema or PostgresErrorCodes.DuplicateObject)
        {
            // a creator that does not take the lock made it at the same moment
        }
    }
}

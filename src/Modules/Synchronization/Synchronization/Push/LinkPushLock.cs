using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace NavusoftSync.Synchronization.Push;

/// <summary>
/// One keeper of a link's registrations at a time, across hosts: a PostgreSQL session advisory lock per (tenant, link),
/// held on a connection of its own for as long as the upkeep, the stop at unlink or the orphaning runs. The upkeep job is
/// already one per link in the clustered scheduler; this also keeps an unlink's stop from reading the registrations
/// while a running upkeep is making one (which the stop would then miss).
/// </summary>
internal sealed class LinkPushLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private LinkPushLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static async Task<LinkPushLock> AcquireAsync(IDocumentStore store, string tenantId, string linkId, CancellationToken cancellationToken)
    {
        var key = KeyOf(tenantId, linkId);
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new LinkPushLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            await _connection.DisposeAsync(); // closing the session releases the lock in any case
        }
    }

    /// <summary>64 bits of SHA-256 over a namespace, the tenant and the link: distinct from the other advisory locks in use.</summary>
    private static long KeyOf(string tenantId, string linkId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"navusoftsync.push\n{tenantId}\n{linkId}")));
}

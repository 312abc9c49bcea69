using Marten;
using NavusoftSync.Linking.Contracts;
using Npgsql;

namespace NavusoftSync.Synchronization.Push.Idle;

/// <summary>
/// Which host watches which imap link: a row per link in <c>synchronization.imap_idle_lease</c>, outside the tenants like
/// <see cref="PushRoute"/> (the pool of a host serves every tenant), holding nothing but the tenant, the link, the holder
/// and times. A host claims a link whose lease is free or expired, renews what it holds every cycle, and releases what it
/// stops watching; a dead host's leases expire and another host claims them. A link whose server has no IDLE or refused
/// the login rests (no holder) until <c>resting_until</c>, so no host retries it sooner. Times are the database's clock,
/// the one every host shares. The active imap links are read across tenants from the module's <c>SyncedLink</c> table.
/// </summary>
internal sealed class ImapIdleLeases(IDocumentStore store)
{
    private const string Table = SynchronizationModule.Schema + ".imap_idle_lease";
    private const string Links = SynchronizationModule.Schema + ".mt_doc_synced_link";
    private const string ActiveImap = "s.data ->> 'provider' = '" + LinkProviders.Imap + "' and s.data ->> 'active' = 'true'";

    public async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ModuleTables.CreateAsync(connection, $"""
            create table if not exists {Table} (
                tenant_id text not null, link_id text not null, holder text, expires_at timestamptz not null,
                claimed_at timestamptz, resting_until timestamptz, primary key (tenant_id, link_id))
            """, cancellationToken);
    }

    /// <summary>
    /// Extends every lease <paramref name="holder"/> holds of a link still active, and deletes its leases of links no longer
    /// active (unlinked, ReauthRequired); answers both sets. A lease another host took over is in neither.
    /// </summary>
    public async Task<(IReadOnlySet<IdleLink> Held, IReadOnlySet<IdleLink> Inactive)> RenewAsync(string holder, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(
            connection,
            $"delete from {Table} where holder is null and expires_at < now() - interval '1 day' and coalesce(resting_until, '-infinity') < now()",
            [],
            cancellationToken);
        var inactive = await ReadLinksAsync(connection, $"""
            delete from {Table} l where l.holder = @holder
                and not exists (select 1 from {Links} s where s.tenant_id = l.tenant_id and s.id = l.link_id and {ActiveImap})
            returning tenant_id, link_id
            """, [new("holder", holder)], cancellationToken);
        var held = await ReadLinksAsync(
            connection,
            $"update {Table} set expires_at = now() + @lease where holder = @holder returning tenant_id, link_id",
            [new("holder", holder), new("lease", lease)],
            cancellationToken);
        return (held.ToHashSet(), inactive.ToHashSet());
    }

    /// <summary>Up to <paramref name="limit"/> active imap links no host holds (or whose lease expired) and not resting, in random order.</summary>
    public async Task<IReadOnlyList<IdleLink>> ClaimableAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadLinksAsync(connection, $"""
            select s.tenant_id, s.id from {Links} s
            left join {Table} l on l.tenant_id = s.tenant_id and l.link_id = s.id
            where {ActiveImap}
                and (l.link_id is null or (l.expires_at < now() and coalesce(l.resting_until, '-infinity') < now()))
            order by random() limit @limit
            """, [new("limit", limit)], cancellationToken);
    }

    /// <summary>Claims the link for <paramref name="holder"/> when it is free, expired and not resting; whether it did.</summary>
    public async Task<bool> ClaimAsync(string holder, IdleLink link, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var claimed = await ReadLinksAsync(connection, $"""
            insert into {Table} as l (tenant_id, link_id, holder, expires_at, claimed_at, resting_until)
            values (@tenant, @link, @holder, now() + @lease, now(), null)
            on conflict (tenant_id, link_id) do update
                set holder = excluded.holder, expires_at = excluded.expires_at, claimed_at = excluded.claimed_at, resting_until = null
                where l.expires_at < now() and coalesce(l.resting_until, '-infinity') < now()
            returning tenant_id, link_id
            """, [.. Key(link), new("holder", holder), new("lease", lease)], cancellationToken);
        return claimed.Count == 1;
    }

    /// <summary>Gives the link up (while <paramref name="holder"/> still holds it): another host may claim it at once.</summary>
    public async Task ReleaseAsync(string holder, IdleLink link, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"delete from {Table} where tenant_id = @tenant and link_id = @link and holder = @holder", [.. Key(link), new("holder", holder)], cancellationToken);
    }

    /// <summary>Gives the link up for <paramref name="rest"/>: no host claims it before then.</summary>
    public async Task RestAsync(string holder, IdleLink link, TimeSpan rest, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            update {Table} set holder = null, expires_at = now(), resting_until = now() + @rest
            where tenant_id = @tenant and link_id = @link and holder = @holder
            """, [.. Key(link), new("holder", holder), new("rest", rest)], cancellationToken);
    }

    private static NpgsqlParameter[] Key(IdleLink link) => [new("tenant", link.TenantId), new("link", link.LinkId)];

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<IdleLink>> ReadLinksAsync(NpgsqlConnection connection, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var links = new List<IdleLink>();
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(new IdleLink(reader.GetString(0), reader.GetString(1)));
        }

        return links;
    }
}

using Marten;
using Npgsql;

namespace NavusoftSync.Synchronization.Quota;

/// <summary>
/// The mailboxes' shared token buckets in <c>synchronization.provider_quota</c>, one row per (api, mailbox), outside the
/// tenants like the IDLE leases (two tenants' links may read one mailbox; every host reads every tenant). Each grant and each
/// pause is one atomic <c>insert … on conflict do update … returning</c>, refilled on the database's clock (the one every
/// host shares), with the arithmetic of <see cref="QuotaBucket"/>. The table is created on first use.
/// </summary>
internal sealed class PostgresQuotaLedger(IDocumentStore store) : IQuotaLedger, IDisposable
{
    private const string Table = SynchronizationModule.Schema + ".provider_quota";

    /// <summary>The bucket's units now: none while paused, else the stored tokens refilled since the later of the update and the pause, capped at the burst.</summary>
    private const string Available = """
        (case when q.paused_until > now() then 0::float8 else least(@burst, q.tokens
            + greatest(0, extract(epoch from now() - greatest(q.updated_at, q.paused_until)))::float8 * @rate) end)
        """;

    private const string Granted = $"(case when {Available} >= @need then least(@want, floor({Available}))::int else 0 end)";

    private const string GrantSql = $"""
        insert into {Table} as q (api, mailbox, tokens, updated_at, paused_until, granted)
        values (@api, @mailbox, @burst - least(@want, floor(@burst)), now(), now(), least(@want, floor(@burst))::int)
        on conflict (api, mailbox) do update
            set tokens = {Available} - {Granted}, granted = {Granted}, updated_at = greatest(q.updated_at, now())
        returning granted, tokens, greatest(0, extract(epoch from q.paused_until - now()))::float8
        """;

    private const string PauseSql = $"""
        insert into {Table} as q (api, mailbox, tokens, updated_at, paused_until, granted)
        values (@api, @mailbox, 0, now(), now() + @pause, 0)
        on conflict (api, mailbox) do update
            set tokens = 0, granted = 0, updated_at = greatest(q.updated_at, now()), paused_until = greatest(q.paused_until, excluded.paused_until)
        """;

    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _created;

    public async Task<QuotaGrant> GrantAsync(QuotaKey key, int need, int want, QuotaRate rate, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(GrantSql, connection);
        NpgsqlParameter[] parameters = [.. Key(key), new("need", need), new("want", want), new("rate", rate.UnitsPerSecond), new("burst", rate.Burst)];
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (granted, remaining, paused) = (reader.GetInt32(0), reader.GetDouble(1), TimeSpan.FromSeconds(reader.GetDouble(2)));
        return new QuotaGrant(granted, remaining, granted > 0 ? TimeSpan.Zero : rate.WaitFor(need, remaining, paused));
    }

    public async Task PauseAsync(QuotaKey key, TimeSpan pause, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(PauseSql, connection);
        NpgsqlParameter[] parameters = [.. Key(key), new("pause", pause)];
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => _creating.Dispose();

    private static NpgsqlParameter[] Key(QuotaKey key) => [new("api", key.Api), new("mailbox", key.Mailbox)];

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await EnsureTableAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task EnsureTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await CreateTableAsync(connection, cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _creating.Release();
        }
    }

    private static Task CreateTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ModuleTables.CreateAsync(connection, $"""
            create table if not exists {Table} (
                api text not null, mailbox text not null, tokens float8 not null, updated_at timestamptz not null,
                paused_until timestamptz not null, granted int not null, primary key (api, mailbox))
            """, cancellationToken);
}

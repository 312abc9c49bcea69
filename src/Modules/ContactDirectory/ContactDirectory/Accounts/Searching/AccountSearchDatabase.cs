using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.BuildingBlocks.Marten;
using Npgsql;

namespace NavusoftSync.ContactDirectory.Accounts.Searching;

/// <summary>
/// The account search's own connections to the database: each starts with the settings every search statement needs
/// (<see cref="StartupOptions"/>), so no statement of a search sets them, and there are few of them
/// (<see cref="AccountSearchOptions.MaxConnections"/>): searches beyond that wait in the
/// pool's queue, first come first served, rather than as PostgreSQL backends sharing the processors, which answers the
/// same load with fewer switches between them and a shorter tail. A search that waits longer than
/// <see cref="WaitForConnection"/> for a connection answers 503.
/// </summary>
internal sealed class AccountSearchDatabase : IAsyncDisposable
{
    /// <summary>
    /// Every search statement's settings, for the whole life of a search connection:
    /// <list type="bullet">
    /// <item>the plan made once per connection (<c>plan_cache_mode = force_generic_plan</c>: a prepared statement's plan for
    /// any values). Left to choose, PostgreSQL keeps planning each statement for each search's values, which costs more than
    /// running it, and a plan for a rare prefix's values looks cheaper than the index range in order. Every branch reads the
    /// same way whatever the values (an index range in order, a GIN probe filtered by tenant, or index ranges of
    /// <see cref="AccountSearchEntries"/>);</item>
    /// <item>no JIT compilation: a plan for any values is costed for the worst values, above <c>jit_above_cost</c>, and
    /// compiling it took 200 ms of every typo search that runs in 1 ms;</item>
    /// <item>the word similarity from which a dictionary word counts as a typo of a searched word
    /// (<see cref="AccountSearchSql.SimilarityThreshold"/>).</item>
    /// </list>
    /// </summary>
    public static readonly string StartupOptions =
        $"-c plan_cache_mode=force_generic_plan -c jit=off -c pg_trgm.word_similarity_threshold={AccountSearchSql.SimilarityThreshold}";

    public AccountSearchDatabase(IConfiguration configuration, IOptions<AccountSearchOptions> options)
    {
        var builder = new NpgsqlConnectionStringBuilder(MartenSetup.TunedConnectionString(configuration));
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? StartupOptions : $"{builder.Options} {StartupOptions}";
        builder.MaxPoolSize = options.Value.MaxConnections;
        builder.MinPoolSize = 0;
        builder.Timeout = (int)WaitForConnection.TotalSeconds;
        builder.ApplicationName = string.IsNullOrEmpty(builder.ApplicationName) ? "navusoft-search" : $"{builder.ApplicationName} (search)";
        DataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>How long a search waits for a connection (from the pool, or a new one) before it answers 503.</summary>
    public static readonly TimeSpan WaitForConnection = TimeSpan.FromSeconds(5);

    public NpgsqlDataSource DataSource { get; }

    /// <summary>A connection for one search; <see cref="DomainErrorKind.Unavailable"/> (503) when none came within <see cref="WaitForConnection"/>.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await DataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw DomainException.Unavailable(
                "Search busy",
                $"No search connection came free within {WaitForConnection.TotalSeconds:0} seconds; try again in a moment.");
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>The <c>Search</c> settings.</summary>
internal sealed class AccountSearchOptions
{
    public const string SectionName = "Search";

    /// <summary>The search's connections per host (<c>Search:MaxConnections</c>, 1-1000): by default two per processor.</summary>
    public int MaxConnections { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    public bool IsValid() => MaxConnections is >= 1 and <= 1_000;
}

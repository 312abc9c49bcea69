using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Quota;
using NavusoftSync.Testing;
using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests.Quota;

/// <summary>
/// The mailbox quota shared through the database (<see cref="PostgresQuotaLedger"/>), with two registries standing for two
/// hosts, on the real clock: together they never put more than the limit into any window, a pause one of them records
/// holds the other, and a database that cannot be reached fails the spend as ProviderUnavailable.
/// </summary>
public sealed class SharedQuotaTests : IAsyncLifetime
{
    private const string Mailbox = "anna.keller@contoso.com";

    // Gmail at 100 units per 4 s: 22.5 units per second, a burst of 10 less 2.25 for the 100 ms hold.
    private static readonly QuotaOptions Small = new() { GrantHoldMilliseconds = 100, Gmail = new QuotaLimit { Limit = 100, WindowSeconds = 4 } };

    private string _connectionString = null!;
    private NavusoftApp _app = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("quota");
        _app = new NavusoftApp(_connectionString, new Dictionary<string, string?> { ["Sync:ImapIdleConnections"] = "0" });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Two_hosts_spending_one_mailbox_never_exceed_its_limit_in_any_window()
    {
        using var hostA = Host();
        using var hostB = Host();
        var spends = new ConcurrentQueue<(TimeSpan At, int Units)>();
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(9);

        await Task.WhenAll(
            SpendUntilAsync(hostA, "Anna.Keller@contoso.com", clock, until, spends),
            SpendUntilAsync(hostA, Mailbox, clock, until, spends),
            SpendUntilAsync(hostB, Mailbox, clock, until, spends),
            SpendUntilAsync(hostB, " anna.keller@CONTOSO.com", clock, until, spends));

        var ordered = spends.OrderBy(s => s.At).ToList();
        var busiest = RollingWindows.Busiest(ordered, TimeSpan.FromSeconds(Small.Gmail.WindowSeconds));
        Assert.True(busiest <= Small.Gmail.Limit, $"a 4 s window saw {busiest} units, over the limit of {Small.Gmail.Limit}");
        Assert.True(busiest >= Small.Gmail.Limit * 0.7, $"the busiest 4 s window saw only {busiest} units: the hosts starved each other");
    }

    [Fact]
    public async Task Hosts_that_create_the_quota_table_at_the_same_moment_all_spend()
    {
        for (var round = 0; round < 5; round++)
        {
            await using (var connection = new NpgsqlConnection(_connectionString))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand("drop table if exists synchronization.provider_quota", connection);
                await drop.ExecuteNonQueryAsync();
            }

            var hosts = Enumerable.Range(0, 8).Select(_ => Host()).ToList(); // each with its own ledger, none has created the table
            try
            {
                await Task.WhenAll(hosts.Select(h => h.For(ProviderQuotaCosts.Gmail, Mailbox)!.SpendAsync(1, CancellationToken.None).AsTask()));
            }
            finally
            {
                hosts.ForEach(h => h.Dispose());
            }
        }
    }

    [Fact]
    public async Task A_pause_one_host_records_holds_the_other_until_it_ends()
    {
        using var hostA = Host();
        using var hostB = Host();
        await hostA.For(ProviderQuotaCosts.Gmail, Mailbox)!.SpendAsync(5, CancellationToken.None);
        await hostA.For(ProviderQuotaCosts.Gmail, Mailbox)!.PauseAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        var paused = Stopwatch.StartNew();

        await hostB.For(ProviderQuotaCosts.Gmail, Mailbox)!.SpendAsync(5, CancellationToken.None);

        Assert.True(paused.Elapsed >= TimeSpan.FromSeconds(1.9), $"host B spent {paused.Elapsed.TotalSeconds:0.00} s into a 2 s pause");
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_fails_the_spend_as_ProviderUnavailable()
    {
        using var unreachable = DocumentStore.For("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=3");
        using var ledger = new PostgresQuotaLedger(unreachable);
        using var host = new MailboxQuotas(ledger, Options.Create(Small), Options.Create(new ProviderReadingOptions()), TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ProviderUnavailableException>(() => host.For(ProviderQuotaCosts.Gmail, Mailbox)!.SpendAsync(5, CancellationToken.None).AsTask());

        Assert.DoesNotContain("Password", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    private MailboxQuotas Host() =>
        new(new PostgresQuotaLedger(_app.Services.GetRequiredService<IDocumentStore>()), Options.Create(Small), Options.Create(new ProviderReadingOptions()), TimeProvider.System);

    private static async Task SpendUntilAsync(MailboxQuotas host, string address, Stopwatch clock, TimeSpan until, ConcurrentQueue<(TimeSpan, int)> spends)
    {
        var quota = host.For(ProviderQuotaCosts.Gmail, address)!;
        while (clock.Elapsed < until)
        {
            await quota.SpendAsync(5, CancellationToken.None);
            spends.Enqueue((clock.Elapsed, 5));
        }
    }
}

using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.Tests.Runs;

/// <summary>The request budget a run hands its reader (<see cref="MailboxAccess.Budget"/>): every HTTP exchange spends one, and none goes past it.</summary>
public sealed class RequestBudgetTests : ReaderTest
{
    private const string Anna = "anna.keller@contoso.com";
    private const string Eli = "eli@hauler.example";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (email, provider) in new[] { (Anna, SandboxProvider.Microsoft), (Eli, SandboxProvider.Google) })
        {
            await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
            {
                Email = email,
                Provider = provider,
                Messages = [.. Enumerable.Range(1, 5).Select(i => Mail($"Question {i}", "bob@fabrikam.example", [email], Now.AddDays(-i)))],
            }, Ct);
        }
    }

    [Theory]
    [InlineData(Anna, "microsoft")]
    [InlineData(Eli, "google")]
    public async Task Every_request_of_a_read_spends_its_budget(string email, string provider)
    {
        var budget = new CountedBudget(int.MaxValue);
        var (access, _) = await LinkAsync(email, provider);

        var pages = await Reader(provider).ReadMailAsync(access with { Budget = budget }, null, new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync();

        Assert.Equal(5, pages.Items().Count);
        var requests = await RequestsAsync(email);
        Assert.True(requests.Count > 1, $"expected a read of several requests, the sandbox saw {requests.Count}");
        Assert.Equal(requests.Count, budget.Spent);
    }

    [Theory]
    [InlineData(Anna, "microsoft")]
    [InlineData(Eli, "google")]
    public async Task A_spent_budget_stops_the_read_before_the_provider_sees_another_request(string email, string provider)
    {
        var budget = new CountedBudget(1);
        var (access, _) = await LinkAsync(email, provider);

        var failure = await Assert.ThrowsAnyAsync<Exception>(
            () => Reader(provider).ReadMailAsync(access with { Budget = budget }, null, new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync());

        Assert.Contains(Chain(failure), e => e is ProviderUnavailableException);
        Assert.Single(await RequestsAsync(email));
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>A quota of <paramref name="allowed"/> requests: the next one fails the read, as a provider quota would end a run.</summary>
    private sealed class CountedBudget(int allowed) : IRequestBudget
    {
        private int _spent;

        public int Spent => Volatile.Read(ref _spent);

        public ValueTask SpendAsync(int units, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _spent) <= allowed
                ? ValueTask.CompletedTask
                : throw new ProviderUnavailableException("The mailbox's request budget is spent.");
    }
}

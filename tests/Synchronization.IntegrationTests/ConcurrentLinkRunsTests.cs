using System.Collections.Concurrent;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// Two colleagues' mailboxes hold the same customer mail and their links run at the same moment (two hosts of a
/// cluster, or two Quartz threads of one): both decide to record the message into the same thread stream and one
/// commit loses the optimistic-concurrency race. The losing run decides its page again on what the winner committed
/// and completes (never throws out of the job leaving its <c>SyncRunStarted</c> without an end, never shows the link
/// Failed for a race), and the message is recorded once and held by both mailboxes after those two runs. The race is forced, not hoped for: a session listener holds the first
/// commit that writes a thread until the other run's thread commit is in.
/// </summary>
public sealed class ConcurrentLinkRunsTests : IAsyncLifetime
{
    private const string Tenant = "tenant-race";
    private readonly CommitRace _race = new();
    private SyncWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await SyncWorld.StartAsync(Tenant, configureServices: s => s.ConfigureMarten(o => o.Listeners.Add(_race)));

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Two_links_recording_the_same_message_at_once_both_end_their_runs_and_the_message_is_recorded_once()
    {
        var now = DateTimeOffset.UtcNow;
        string[] mailboxes = ["dana@hauler.example", "eli@hauler.example"];
        foreach (var mailbox in mailboxes)
        {
            await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
            {
                Email = mailbox,
                Provider = SandboxProvider.Microsoft,
                Messages = [new ScenarioMessage { InternetMessageId = "<shared-1@customer.example>", Subject = "Container prices", From = "pat@customer.example", To = mailboxes.Select(m => (SandboxAddress)m).ToList(), SentAt = now.AddDays(-1) }],
            });
        }

        await _world.SeedAsync("microsoft");
        var links = new List<string>();
        for (var i = 0; i < mailboxes.Length; i++)
        {
            using var user = _world.App.ClientFor(Tokens.User(Tenant, $"user-{i}"));
            links.Add(await _world.LinkAsync(user, "microsoft", mailboxes[i]));
        }

        await _world.App.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        _race.Arm();
        var outcomes = await Task.WhenAll(links.Select(RunCatchingAsync));
        Assert.True(_race.Forced, "The two runs' thread commits did not meet: the race was not forced.");
        Assert.All(outcomes, o => Assert.True(o.Exception is null, $"A run threw: {o.Exception}"));
        Assert.All(outcomes, o => Assert.True(o.Result is { Ran: true }, $"A run did not complete: {o.Result?.Reason}"));

        var events = await StoredSync.EventsAsync(_world.ConnectionString);
        var violations = new List<string>();
        var runs = SyncRunHistory.RunsOf(events, violations);
        Assert.Empty(violations);
        Assert.All(links, l => Assert.Equal(["completed"], runs[l].Select(r => r.Outcome)));
        Assert.Single(events, e => e.Type == "synchronization.thread_message_recorded");
        Assert.Equal(
            links.Order(StringComparer.Ordinal),
            events.Where(e => e.Type == "synchronization.thread_message_held").Select(e => e.Json.GetProperty("linkId").GetString()!).Order(StringComparer.Ordinal));
    }

    private async Task<(SyncRunResult? Result, Exception? Exception)> RunCatchingAsync(string linkId)
    {
        try
        {
            return (await SyncWorld.RunAsync(_world.App, Tenant, linkId), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    /// <summary>
    /// Once armed: the first session to save thread events waits (up to 10 s) until another session's thread
    /// events are committed, then goes on — so it commits against a stream version it did not read.
    /// </summary>
    private sealed class CommitRace : DocumentSessionListenerBase
    {
        private readonly TaskCompletionSource _otherCommitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<IDocumentSession, bool> _writers = new();
        private IDocumentSession? _held;
        private int _armed;

        public bool Forced { get; private set; }

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (Volatile.Read(ref _armed) == 0 || !session.PendingChanges.Streams().Any(s => s.Key?.StartsWith("thread-", StringComparison.Ordinal) == true))
            {
                return;
            }

            _writers[session] = true;
            if (Interlocked.CompareExchange(ref _held, session, null) is null)
            {
                Forced = await Task.WhenAny(_otherCommitted.Task, Task.Delay(TimeSpan.FromSeconds(10), token)) == _otherCommitted.Task;
            }
        }

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (_writers.ContainsKey(session) && !ReferenceEquals(session, Volatile.Read(ref _held)))
            {
                _otherCommitted.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}

using Marten;
using Marten.Internal.Sessions;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>The recorders on real PostgreSQL through the host's Marten store: idempotent, one thread across mailboxes.</summary>
public sealed class RecordingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly MailboxOwner Dana = new("link-dana", "user-dana", "microsoft", "dana@hauler.example");
    private static readonly MailboxOwner Eli = new("link-eli", "user-eli", "google", "eli@hauler.example");

    private static MailItem Mail(string providerId, string messageId, DateTimeOffset sent, IReadOnlyList<string>? references = null, string thread = "conv-1") => new(
        providerId, messageId, thread, references ?? [], references is { Count: > 0 } ? references[^1] : null, "Dumpster swap",
        new Participant("Dana", "dana@hauler.example"), null, [new Participant("Pat", "Pat@Customer.com")], [], [], sent, "Can we swap…", "sentitems");

    private static readonly ContactMatches Pat = ContactMatches.For(["pat@customer.com"],
        new Dictionary<string, IReadOnlyList<ContactMatch>> { ["pat@customer.com"] = [new ContactMatch("acc-1", "c1", "Pat")] });

    private async Task<T> InTenantAsync<T>(string tenant, Func<IServiceProvider, IDocumentSession, Task<T>> work)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(tenant);
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var result = await work(scope.ServiceProvider, session);
        await session.SaveChangesAsync();
        return result;
    }

    private Task<int> RecordAsync(string tenant, MailboxOwner owner, params MailItem[] items) =>
        InTenantAsync(tenant, async (sp, _) => (await sp.GetRequiredService<ThreadRecorder>().RecordAsync(
            owner, [.. items.Select(i => new Matched<MailItem>(i, Pat))], new Dictionary<string, MessageContent> { ["p1"] = MessageContent.Body("Full body") }, CancellationToken.None)).EventsAppended);

    private Task<IReadOnlyList<EmailThread>> ThreadsAsync(string tenant) =>
        InTenantAsync(tenant, async (_, s) => await s.Query<EmailThread>().ToListAsync());

    [Fact]
    public async Task The_same_page_twice_appends_nothing_the_second_time()
    {
        const string tenant = "t-replay";
        var page = new[] { Mail("p1", "<m1@hauler.example>", Sent), Mail("p2", "<m2@hauler.example>", Sent.AddHours(1), ["<m1@hauler.example>"]) };

        Assert.True(await RecordAsync(tenant, Dana, page) > 0);
        Assert.Equal(0, await RecordAsync(tenant, Dana, page));

        var thread = Assert.Single(await ThreadsAsync(tenant));
        Assert.Equal(2, thread.Messages.Count);
        var recorded = await InTenantAsync(tenant, async (_, s) => (await s.Events.FetchStreamAsync(thread.Id)).Select(e => e.Data).OfType<ThreadMessageRecorded>().ToList());
        Assert.Equal("Full body", recorded.OrderBy(m => m.SentAt).First().BodyText);
        Assert.Equal(["pat@customer.com"], thread.Accounts["acc-1"]);
    }

    [Fact]
    public async Task One_conversation_in_two_users_mailboxes_is_one_thread_held_by_both()
    {
        const string tenant = "t-shared";
        await RecordAsync(tenant, Dana, Mail("graph-1", "<m1@hauler.example>", Sent));
        await RecordAsync(tenant, Eli, Mail("gmail-1", "<m1@Hauler.Example>", Sent, thread: "gthread-7"), Mail("gmail-2", "<m2@customer.com>", Sent.AddHours(2), ["<m1@hauler.example>"], "gthread-7"));

        var thread = Assert.Single(await ThreadsAsync(tenant));
        Assert.Equal(["mid:m1@hauler.example", "mid:m2@customer.com"], thread.Messages.Select(m => m.MessageKey));
        Assert.Equal(["user-dana", "user-eli"], thread.Holders.Where(h => h.MessageKey == "mid:m1@hauler.example").Select(h => h.UserId).Order());
        Assert.Equal(Sent, thread.StartedAt);
    }

    [Fact]
    public async Task A_message_removed_from_a_mailbox_is_released_there_only()
    {
        const string tenant = "t-removed";
        await RecordAsync(tenant, Dana, Mail("graph-1", "<m1@hauler.example>", Sent));
        await RecordAsync(tenant, Eli, Mail("gmail-1", "<m1@hauler.example>", Sent));

        var released = await InTenantAsync(tenant, (sp, _) => sp.GetRequiredService<ThreadRecorder>().ReleaseAsync(Dana, [new RemovedItem("graph-1")], CancellationToken.None));

        Assert.Equal(1, released);
        var thread = Assert.Single(await ThreadsAsync(tenant));
        Assert.Equal(["user-eli"], thread.Holders.Select(h => h.UserId));
    }

    [Fact]
    public async Task A_run_session_committing_page_after_page_keeps_nothing_of_the_committed_pages()
    {
        // A run records every page through its one scoped session. Marten's default identity map for
        // aggregates would keep each fetched thread (and its revision) in that session until the run
        // ends: memory growing with the mailbox, not with the page.
        const string tenant = "t-pages";
        await InTenantAsync(tenant, async (sp, session) =>
        {
            var recorder = sp.GetRequiredService<ThreadRecorder>();
            for (var page = 0; page < 5; page++)
            {
                await recorder.RecordAsync(
                    Dana, [new Matched<MailItem>(Mail($"p{page}", $"<m{page}@hauler.example>", Sent.AddHours(page), thread: $"conv-{page}"), Pat)],
                    new Dictionary<string, MessageContent>(), CancellationToken.None);
                await session.SaveChangesAsync();
            }

            var tracked = (QuerySession)session;
            Assert.False(tracked.ItemMap.TryGetValue(typeof(EmailThread), out var threads) && threads is Dictionary<string, EmailThread> { Count: > 0 });
            Assert.Empty(tracked.Versions.RevisionsFor<EmailThread, string>());
            return 0;
        });

        Assert.Equal(5, (await ThreadsAsync(tenant)).Count);
    }

    [Fact]
    public async Task Threads_never_cross_tenants()
    {
        await RecordAsync("t-a", Dana, Mail("graph-1", "<same@hauler.example>", Sent));
        await RecordAsync("t-b", Dana, Mail("graph-1", "<same@hauler.example>", Sent));

        Assert.Single(await ThreadsAsync("t-a"));
        Assert.Single(await ThreadsAsync("t-b"));
    }

    [Fact]
    public async Task An_occurrence_seen_by_a_google_and_a_microsoft_calendar_is_one_appointment()
    {
        const string tenant = "t-meeting";
        var start = When.At(Sent.AddDays(3));
        CalendarItem Occurrence(string providerId) => new(
            providerId, "series-uid-1", "series", start, "Site visit", start, When.At(Sent.AddDays(3).AddHours(1)), false, "Yard 3",
            new Participant("Dana", "dana@hauler.example"), [new Attendee("Pat", "pat@customer.com", "accepted")], null, false, Sent);

        foreach (var (owner, id) in new[] { (Dana, "graph-occ-1"), (Eli, "google-occ-1") })
        {
            await InTenantAsync(tenant, async (sp, _) => (await sp.GetRequiredService<AppointmentRecorder>()
                .RecordAsync(owner, [new Matched<CalendarItem>(Occurrence(id), Pat)], CancellationToken.None)).New);
        }

        var appointment = Assert.Single(await InTenantAsync(tenant, async (_, s) => await s.Query<Appointment>().ToListAsync()));
        Assert.Equal(2, appointment.Holders.Count);
        Assert.False(appointment.IsCancelled);
    }
}

using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using Npgsql;
using static NavusoftSync.Calendar.IntegrationTests.CalendarWorld;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>The async projection on real PostgreSQL, fed by events appended straight to the streams.</summary>
public sealed class ProjectionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private async Task<(T? View, List<CalendarEntry> Entries)> ReadAsync<T>(string tenant, string id)
        where T : notnull
    {
        await using var session = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant);
        var view = await session.LoadAsync<T>(id);
        var entries = await session.Query<CalendarEntry>().Where(e => e.ItemId == id).ToListAsync();
        return (view, [.. entries.OrderBy(e => e.Owner, StringComparer.Ordinal)]);
    }

    /// <summary>The appointment view's status as the document stores it (the enum keeps the spelling of stored documents).</summary>
    private async Task<string> StoredStatusAsync(string tenant, string id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT data ->> 'status' FROM calendar.mt_doc_appointment WHERE tenant_id = $1 AND id = $2", connection)
        {
            Parameters = { new() { Value = tenant }, new() { Value = id } },
        };
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_thread_gets_a_view_and_one_entry_per_holding_user_and_matched_account()
    {
        var tenant = Unique("t");
        const string thread = "thread-a";
        await fixture.AppendAsync(tenant, thread,
            Message(thread, "m1", Sent), Held(thread, "m1", "dana", "link-d1"), Held(thread, "m1", "dana", "link-d2"), Held(thread, "m1", "eli"),
            Matched(thread, "acc-1"), Matched(thread, "acc-2", "pat@customer.com", "kim@customer.com"));

        var (view, entries) = await ReadAsync<EmailThreadView>(tenant, thread);
        Assert.NotNull(view);
        Assert.Equal("Dumpster swap", view.Subject);
        Assert.Equal(["account:acc-1", "account:acc-2", "user:dana", "user:eli"], view.PlacedOwners);
        Assert.Equal(["account:acc-1", "account:acc-2", "user:dana", "user:eli"], entries.Select(e => e.Owner));
        Assert.All(entries, e =>
        {
            Assert.Equal(Sent, e.StartAt);
            Assert.Null(e.StartDay);
            Assert.Equal("email", e.Kind);
            Assert.Equal(["acc-1", "acc-2"], e.AccountIds);
            Assert.Equal($"{e.Owner}|{thread}", e.Id);
        });
    }

    [Fact]
    public async Task An_earlier_message_arriving_later_moves_the_thread_and_its_subject()
    {
        var tenant = Unique("t");
        const string thread = "thread-b";
        await fixture.AppendAsync(tenant, thread, Message(thread, "m2", Sent, "RE: Dumpster swap"), Held(thread, "m2", "dana"), Matched(thread, "acc-1"));
        await fixture.AppendAsync(tenant, thread, Message(thread, "m1", Sent.AddDays(-3), "Dumpster swap"), Held(thread, "m1", "eli"));

        var (view, entries) = await ReadAsync<EmailThreadView>(tenant, thread);
        Assert.Equal(["m1", "m2"], view!.Messages.Select(m => m.MessageKey));
        Assert.Equal(Sent.AddDays(-3), view.StartedAt);
        Assert.Equal(["account:acc-1", "user:dana", "user:eli"], entries.Select(e => e.Owner));
        Assert.All(entries, e => Assert.Equal((Sent.AddDays(-3), "Dumpster swap"), (e.StartAt!.Value, e.Title)));
    }

    [Fact]
    public async Task Released_removes_only_that_users_entry_and_unmatched_only_that_accounts()
    {
        var tenant = Unique("t");
        const string thread = "thread-c";
        await fixture.AppendAsync(tenant, thread,
            Message(thread, "m1", Sent), Message(thread, "m2", Sent.AddHours(1)),
            Held(thread, "m1", "dana"), Held(thread, "m2", "dana", "link-2"), Held(thread, "m1", "eli"), Matched(thread, "acc-1"), Matched(thread, "acc-2"));

        // Dana's first link is unlinked: her other mailbox still holds m2, so she keeps the thread.
        await fixture.AppendAsync(tenant, thread, Released(thread, "m1", "dana"));
        Assert.Equal(["account:acc-1", "account:acc-2", "user:dana", "user:eli"], (await ReadAsync<EmailThreadView>(tenant, thread)).Entries.Select(e => e.Owner));

        await fixture.AppendAsync(tenant, thread, Released(thread, "m2", "dana", "link-2"), new ThreadAccountUnmatched(thread, "acc-2", At));
        var (view, entries) = await ReadAsync<EmailThreadView>(tenant, thread);
        Assert.Equal(["account:acc-1", "user:eli"], entries.Select(e => e.Owner));
        Assert.Equal(["account:acc-1", "user:eli"], view!.PlacedOwners);
        Assert.All(entries, e => Assert.Equal(["acc-1"], e.AccountIds));

        // Held by nobody, matched by nobody: no entries at all, the view stays.
        await fixture.AppendAsync(tenant, thread, Released(thread, "m1", "eli"), new ThreadAccountUnmatched(thread, "acc-1", At));
        (view, entries) = await ReadAsync<EmailThreadView>(tenant, thread);
        Assert.Empty(entries);
        Assert.NotNull(view);
    }

    [Fact]
    public async Task An_appointment_follows_reschedule_cancel_and_reinstate()
    {
        var tenant = Unique("t");
        const string key = "appt-1";
        await fixture.AppendAsync(tenant, key,
            Meeting(key, When.At(Sent), When.At(Sent.AddHours(1))), Holds(key, "dana"), Holds(key, "eli"), MeetingMatched(key, "acc-1"));
        await fixture.AppendAsync(tenant, key,
            new AppointmentRescheduled(key, When.At(Sent.AddDays(2)), When.At(Sent.AddDays(2).AddHours(1)), false, At), new AppointmentCancelled(key, At));

        var (view, entries) = await ReadAsync<AppointmentView>(tenant, key);
        Assert.Equal(AppointmentStatus.Cancelled, view!.Status);
        Assert.Equal("Cancelled", await StoredStatusAsync(tenant, key));
        Assert.Equal(["account:acc-1", "user:dana", "user:eli"], entries.Select(e => e.Owner));
        Assert.All(entries, e => Assert.Equal((Sent.AddDays(2), "Cancelled"), (e.StartAt!.Value, e.Status)));

        await fixture.AppendAsync(tenant, key, new AppointmentReinstated(key, At),
            new AppointmentRescheduled(key, When.On(new DateOnly(2026, 12, 24)), When.On(new DateOnly(2026, 12, 25)), true, At),
            new AppointmentReleased(key, "eli", "link-1", At));
        (view, entries) = await ReadAsync<AppointmentView>(tenant, key);
        Assert.Equal(AppointmentStatus.Scheduled, view!.Status);
        Assert.Equal("Scheduled", await StoredStatusAsync(tenant, key));
        Assert.Equal(["account:acc-1", "user:dana"], entries.Select(e => e.Owner));
        Assert.All(entries, e => Assert.Equal((null, new DateOnly(2026, 12, 24).DayNumber, "Scheduled"), (e.StartAt, e.StartDay, e.Status)));
    }

    [Fact]
    public async Task Tenants_do_not_share_views_or_entries()
    {
        var (a, b) = (Unique("ta"), Unique("tb"));
        const string thread = "thread-same-key";
        await fixture.AppendAsync(a, thread, Message(thread, "m1", Sent), Held(thread, "m1", "dana"));
        await fixture.AppendAsync(b, thread, Message(thread, "m9", Sent.AddDays(1), "Other tenant"), Matched(thread, "acc-9"));

        var (viewA, entriesA) = await ReadAsync<EmailThreadView>(a, thread);
        var (viewB, entriesB) = await ReadAsync<EmailThreadView>(b, thread);
        Assert.Equal(["m1"], viewA!.Messages.Select(m => m.MessageKey));
        Assert.Equal(["user:dana"], entriesA.Select(e => e.Owner));
        Assert.Equal(["m9"], viewB!.Messages.Select(m => m.MessageKey));
        Assert.Equal(["account:acc-9"], entriesB.Select(e => e.Owner));
    }
}

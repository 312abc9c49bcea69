using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Calendar.Placement;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Calendar.Viewing;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using Npgsql;
using static NavusoftSync.Calendar.IntegrationTests.CalendarWorld;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>The calendar read is one range scan of the (tenant_id, owner, start_key) index, as created in the database.</summary>
public sealed class ReadIndexTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_entry_table_has_the_read_index_and_no_one_column_indexes()
    {
        await using var connection = await OpenAsync();
        var indexes = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = 'calendar' AND tablename = 'mt_doc_entry' ORDER BY indexname", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        Assert.Equal(2, indexes.Count);
        Assert.Contains(indexes, i => i.EndsWith("USING btree (tenant_id, owner, start_key)", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains("UNIQUE INDEX", StringComparison.Ordinal) && i.EndsWith("(tenant_id, id)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_month_read_is_one_range_scan_of_that_index_as_the_generic_plan()
    {
        var tenant = Unique("t");
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession(tenant))
        {
            // 400 threads over ~2 years on Dana's calendar and the account's, so the owner's rows are many.
            for (var i = 0; i < 400; i++)
            {
                var thread = $"thread-{i:D3}";
                var sent = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero).AddHours(i * 43);
                session.Events.Append(thread, Message(thread, "m1", sent), Held(thread, "m1", "dana"), Matched(thread, "acc-1"));
            }

            await session.SaveChangesAsync();
        }

        await fixture.AppendAsync(tenant, "appt-1", Meeting("appt-1", When.On(new DateOnly(2025, 3, 1)), When.On(new DateOnly(2025, 3, 2)), allDay: true), Holds("appt-1", "dana"));
        await using var connection = await OpenAsync();
        await using (var analyze = new NpgsqlCommand("ANALYZE calendar.mt_doc_entry; SET plan_cache_mode = force_generic_plan", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var window = EntryWindow.For(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), TimeZoneLookup.Find("Australia/Sydney")!);
        await using var explain = new NpgsqlCommand($"EXPLAIN {CalendarReader.EntriesSql}", connection)
        {
            Parameters = { new() { Value = tenant }, new() { Value = CalendarOwners.User("dana") }, new() { Value = window.FirstKey }, new() { Value = window.EndKey } },
        };
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        Assert.True(plan[0].Contains("Index Scan using mt_doc_entry_idx_tenant_id_owner_start_key", StringComparison.Ordinal), text);
        Assert.Contains(plan, line => line.Contains("Index Cond:", StringComparison.Ordinal) && line.Contains("owner", StringComparison.Ordinal)
            && line.Contains("start_key >=", StringComparison.Ordinal) && line.Contains("start_key <", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Bitmap", StringComparison.Ordinal) || line.Contains("Seq Scan", StringComparison.Ordinal) || line.Contains("Filter", StringComparison.Ordinal));

        // And the read answers what it should: the month's items in Sydney, the all-day one first on its date.
        var dana = fixture.ClientFor(Tokens.User(tenant, "dana"));
        var march = Ids(await dana.GetJsonAsync("/api/me/calendar?from=2025-03-01&to=2025-03-31&tz=Australia/Sydney"));
        Assert.Equal("appt-1", march[0]);
        Assert.Equal(18, march.Count);
    }

    [Fact]
    public async Task A_read_keeps_instants_to_the_tick()
    {
        var tenant = Unique("t");
        var sent = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
        await fixture.AppendAsync(tenant, "thread-1", Message("thread-1", "m1", sent), Held("thread-1", "m1", "dana"));
        await fixture.AppendAsync(tenant, "appt-1", Meeting("appt-1", When.At(sent.AddTicks(1)), When.At(sent.AddHours(1).AddTicks(7))), Holds("appt-1", "dana"));

        var items = (await fixture.ClientFor(Tokens.User(tenant, "dana")).GetJsonAsync("/api/me/calendar/days/2026-11-20?tz=Asia/Kolkata")).GetProperty("items");
        Assert.Equal(["2026-11-20T20:30:00.1234567+05:30", "2026-11-20T20:30:00.1234568+05:30"], items.EnumerateArray().Select(i => i.GetProperty("start").GetString()));
        Assert.Equal("2026-11-20T21:30:00.1234574+05:30", items[1].GetProperty("end").GetString());
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

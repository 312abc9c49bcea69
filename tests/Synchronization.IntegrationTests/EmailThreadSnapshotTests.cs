using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// The stored thread snapshot holds what the decisions read (message keys, sent times and fingerprints, holders,
/// accounts, subject and start), not the messages' content. A snapshot stored with the content and no fingerprints
/// still decides as the events do, and is stored slim when its thread is next written.
/// </summary>
public sealed class EmailThreadSnapshotTests(AppFixture fixture, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const string Tenant = "tenant-snapshot";
    private const string MessageKey = "mid:gate@customer.example";
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly Participant Pat = new("Pat", "pat@customer.example");
    private static readonly Participant Dana = new("Dana", "dana@hauler.example");

    private IDocumentStore Store => fixture.App.Services.GetRequiredService<IDocumentStore>();

    private static MailItem Mail(string providerId) => new(
        providerId, "<gate@customer.example>", "conv-1", [], null, "Gate code", Pat, null, [Dana], [], [], Sent, "The gate", "inbox");

    [Fact]
    public async Task A_snapshot_stored_with_content_and_no_fingerprints_decides_as_the_events_do_and_is_stored_slim_next()
    {
        var id = $"thread-{Guid.NewGuid():N}";
        object[] history =
        [
            new ThreadMessageRecorded(id, MessageKey, "Gate code", Pat, [Dana], [], Sent, "The gate", "The gate code is 4521.", Sent),
            new ThreadMessageHeld(id, MessageKey, "user-dana", "link-dana", Sent),
        ];
        await StartAsync(id, history);
        await WriteSnapshotJsonAsync(id, WithContent(id, history));
        Assert.Equal("false", await ScalarAsync(id, "(data->'messages'->0 ? 'fingerprint')::text"));

        await using var session = Store.LightweightSession(Tenant);
        var stream = await session.Events.FetchForWriting<EmailThread>(id);
        Assert.Equal(Json(history.Aggregate((EmailThread?)null, EmailThread.Fold)), Json(stream.Aggregate));

        var genuine = ThreadDecisions.Record(stream.Aggregate, id, new MessageCopy(MessageKey, Mail("AAMk-1"), "The gate code is 4521."), new HoldingMailbox("user-rae", "link-rae", "rae@hauler.example"), ContactMatches.None, Sent);
        Assert.Equal(MessageKey, Assert.IsType<ThreadMessageHeld>(Assert.Single(genuine)).MessageKey);
        var forged = ThreadDecisions.Record(stream.Aggregate, id, new MessageCopy(MessageKey, Mail("f-1"), "New bank details: wire the deposit to 0000."), new HoldingMailbox("user-sam", "link-sam", "sam@hauler.example"), ContactMatches.None, Sent);
        Assert.True(MessageFingerprint.IsVariantOf(Assert.IsType<ThreadMessageRecorded>(forged[0]).MessageKey, MessageKey));

        stream.AppendMany(forged);
        await session.SaveChangesAsync();
        Assert.Equal("true", await ScalarAsync(id, "bool_and(m ? 'fingerprint' and not m ? 'bodyText')::text", "jsonb_array_elements(data->'messages') m"));
    }

    [Fact]
    public async Task A_five_message_thread_is_stored_in_a_fraction_of_the_bytes_its_content_takes()
    {
        var id = $"thread-{Guid.NewGuid():N}";
        var body = string.Concat(Enumerable.Repeat("Can we swap the 20-yard container on Friday? ", 7))[..300];
        var history = Enumerable.Range(0, 5).SelectMany(i => new object[]
        {
            new ThreadMessageRecorded(id, $"mid:m{i}@customer.example", i == 0 ? "Container swap" : "RE: Container swap", i % 2 == 0 ? Pat : Dana,
                [i % 2 == 0 ? Dana : Pat], [new Participant("Lee", "lee@customer.example")], Sent.AddHours(i), body[..100], body, Sent),
            new ThreadMessageHeld(id, $"mid:m{i}@customer.example", "user-dana", "link-dana", Sent),
        }).Append(new ThreadAccountMatched(id, "acc-1", ["lee@customer.example", "pat@customer.example"], Sent)).ToArray();
        await StartAsync(id, history);

        var slim = int.Parse(await ScalarAsync(id, "octet_length(data::text)::text"));
        await WriteSnapshotJsonAsync(id, WithContent(id, history));
        var withContent = int.Parse(await ScalarAsync(id, "octet_length(data::text)::text"));

        output.WriteLine($"mt_doc_email_thread data, 5 messages with 300-char bodies: {withContent} bytes with content, {slim} bytes slim");
        Assert.InRange(slim, 1, withContent / 2);
    }

    private async Task StartAsync(string id, object[] history)
    {
        await using var session = Store.LightweightSession(Tenant);
        session.Events.StartStream<EmailThread>(id, history);
        await session.SaveChangesAsync();
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30)); // the calendar projection is done before the host stops
    }

    /// <summary>The snapshot as it is stored when each message keeps its content (people, snippet, body) and no fingerprint.</summary>
    private string WithContent(string id, object[] history)
    {
        var state = history.Aggregate((EmailThread?)null, EmailThread.Fold)!;
        var messages = history.OfType<ThreadMessageRecorded>().OrderBy(m => m.SentAt)
            .Select(m => new { m.MessageKey, m.Subject, m.From, m.To, m.Cc, m.SentAt, m.Snippet, m.BodyText });
        return Store.Options.Serializer().ToJson(new { state.Id, state.Subject, state.StartedAt, Messages = messages, state.Holders, state.Accounts });
    }

    private async Task WriteSnapshotJsonAsync(string id, string json)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE synchronization.mt_doc_email_thread SET data = @data::jsonb WHERE id = @id AND tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("data", json);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("tenant", Tenant);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<string> ScalarAsync(string id, string expression, string? from = null)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT {expression} FROM synchronization.mt_doc_email_thread{(from is null ? string.Empty : $", {from}")} WHERE id = @id AND tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("tenant", Tenant);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private string Json(object? state) => Store.Options.Serializer().ToJson(state);
}

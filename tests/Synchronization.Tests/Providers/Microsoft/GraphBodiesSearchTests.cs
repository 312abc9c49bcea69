using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.Tests.Providers.Microsoft;

/// <summary>Bodies through JSON batching, the look-back search, and the per-mailbox concurrency limit.</summary>
public sealed class GraphBodiesSearchTests : ReaderTest
{
    private const string Anna = "anna.keller@contoso.com";
    private const string Bob = "bob@fabrikam.example";

    [Fact]
    public async Task Bodies_of_the_requested_messages_are_read_as_text_through_batches_of_at_most_20()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Anna,
            Provider = SandboxProvider.Microsoft,
            Messages =
            [
                .. Enumerable.Range(1, 21).Select(i => Mail($"Plain {i}", Bob, [Anna], Now.AddHours(-i))),
                Mail("Rich", Bob, [Anna], Now) with { BodyHtml = "<p>Rich <b>text</b></p>" },
            ],
        }, Ct);
        var ids = (await Sandbox.Control.GetMailboxAsync(Anna, Ct)).Messages.ToDictionary(m => m.Subject, m => m.Id);
        var (access, _) = await LinkAsync(Anna, "microsoft");

        var bodies = await Reader("microsoft").ReadBodiesAsync(access, [.. ids.Values, "AAMkAGmissing"], Ct);

        Assert.Equal(22, bodies.Count);
        Assert.Equal("Body of Plain 7", bodies[ids["Plain 7"]].BodyText);
        Assert.Equal("Rich text", bodies[ids["Rich"]].BodyText);
        var log = await RequestsAsync(Anna);
        Assert.Equal(2, log.Count(e => e.Method == "POST" && e.Path == "/v1.0/$batch"));
        Assert.Equal(23, log.Count(e => e.InBatch));
        Assert.DoesNotContain(log, e => !e.InBatch && e.Path.StartsWith("/v1.0/me/messages/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttled_batch_items_are_sent_again_after_their_Retry_After()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Anna, Provider = SandboxProvider.Microsoft, Messages = [Mail("One", Bob, [Anna], Now), Mail("Two", Bob, [Anna], Now)] }, Ct);
        var ids = (await Sandbox.Control.GetMailboxAsync(Anna, Ct)).Messages.Select(m => m.Id).ToList();
        var (access, _) = await LinkAsync(Anna, "microsoft");
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Anna, Kind = FaultKind.Throttle, PathPrefix = "/v1.0/me/messages", RetryAfterSeconds = 0 }, Ct);

        var bodies = await Reader("microsoft").ReadBodiesAsync(access, ids, Ct);

        Assert.Equal(2, bodies.Count);
        var log = await RequestsAsync(Anna);
        Assert.Equal(2, log.Count(e => e.Path == "/v1.0/$batch"));
        Assert.Equal([200, 200, 429], log.Where(e => e.InBatch).Select(e => e.Status).Order());
    }

    [Fact]
    public async Task The_look_back_search_finds_exactly_the_messages_with_one_of_its_addresses_in_from_to_or_cc()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Anna,
            Provider = SandboxProvider.Microsoft,
            Messages =
            [
                Mail("From Bob", Bob, [Anna], Now.AddDays(-1)),
                Mail("To Bob", Anna, [Bob], Now.AddDays(-2)),
                Mail("Cc Bob", "carol@contoso.com", [Anna], Now.AddDays(-3)) with { Cc = [Bob] },
                Mail("Lookalike", "bob@fabrikam.example.org", [Anna], Now.AddDays(-1)),
                Mail("Bcc Bob", Anna, ["carol@contoso.com"], Now.AddDays(-1)) with { Bcc = [Bob] },
                Mail("Old Bob", Bob, [Anna], Now.AddDays(-40)),
                Mail("Unrelated", "carol@contoso.com", [Anna], Now.AddDays(-1)),
                Mail("Draft to Bob", Anna, [Bob], Now.AddDays(-1)) with { IsDraft = true },
                Mail("From Dave", "dave@fabrikam.example", [Anna], Now.AddDays(-4)),
            ],
        }, Ct);
        var (access, _) = await LinkAsync(Anna, "microsoft");

        var pages = await Reader("microsoft").SearchMailAsync(access, ["Bob@Fabrikam.example", "dave@fabrikam.example"], new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync();

        Assert.Equal(["Cc Bob", "From Bob", "From Dave", "To Bob"], pages.Items().Select(i => i.Subject).Order(StringComparer.Ordinal));
        Assert.Equal("sentitems", pages.Items().Single(i => i.Subject == "To Bob").Folder);
        Assert.All(pages, p => Assert.Null(p.CursorAfter));
        var searches = await RequestsAsync(Anna, "/v1.0/me/mailFolders");
        Assert.All(searches, s => Assert.Contains( // every request (and next page) is the one search for both addresses
            "$search=\"(participants:Bob@Fabrikam.example OR participants:dave@fabrikam.example) AND received>=2026-11-05\"", Uri.UnescapeDataString(s.Query), StringComparison.Ordinal));
        await Assert.ThrowsAsync<ArgumentException>(() => Reader("microsoft").SearchMailAsync(access, ["bob\" OR x"], new MailWindow(Now), Ct).ReadAllAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => Reader("microsoft").SearchMailAsync(
            access, [.. Enumerable.Range(0, 11).Select(i => $"c{i}@fabrikam.example")], new MailWindow(Now), Ct).ReadAllAsync());
    }

    [Fact]
    public async Task No_more_than_four_requests_are_ever_in_flight_for_one_mailbox()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Anna,
            Provider = SandboxProvider.Microsoft,
            Messages = [.. Enumerable.Range(1, 6).Select(i => Mail($"Question {i}", Bob, [Anna], Now.AddHours(-i)))],
        }, Ct);
        var (access, _) = await LinkAsync(Anna, "microsoft");
        var reader = Reader("microsoft");
        InFlight.Hold = TimeSpan.FromMilliseconds(40);

        var rounds = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => reader.ReadMailAsync(access, null, new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync()));

        Assert.All(rounds, r => Assert.Equal(6, r.Items().Count));
        Assert.Equal(4, InFlight.Max);
    }
}

using System.Text.Json;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>
/// <c>push</c> in <c>GET /api/me/links</c> (CONTRACT.md: <c>{status, expiresAt, lastNotificationAt}</c>), asked of the
/// Synchronization module once per listing, whatever the number of links. Push is not configured in this world, so
/// every link shows it Off; the other states are shown by the Synchronization module's upkeep tests.
/// </summary>
public sealed class LinkPushTests(LinkingHost host) : IClassFixture<LinkingHost>
{
    [Fact]
    public async Task Every_link_shows_push_off_with_no_times_from_one_question_to_the_synchronization_module()
    {
        var user = host.UserClient(LinkingHost.NewUser());
        await host.LinkAsync(user, "microsoft", await host.AddMailboxAsync(SandboxProvider.Microsoft));
        await host.LinkAsync(user, "google", await host.AddMailboxAsync(SandboxProvider.Google));
        await host.LinkAsync(user, "microsoft", await host.AddMailboxAsync(SandboxProvider.Microsoft));
        var asked = QuestionsAsked();

        var links = (await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray().ToList();

        Assert.Equal(3, links.Count);
        Assert.All(links, AssertOff);
        Assert.Equal(asked + 1, QuestionsAsked());
    }

    [Fact]
    public async Task An_unlinked_link_shows_push_off_and_a_user_without_links_asks_nothing()
    {
        var user = host.UserClient(LinkingHost.NewUser());
        var linkId = (await host.LinkAsync(user, "microsoft", await host.AddMailboxAsync(SandboxProvider.Microsoft))).Str("linkId");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);

        var link = Assert.Single((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
        Assert.Equal("Unlinked", link.Str("status"));
        AssertOff(link);

        var asked = QuestionsAsked();
        Assert.Empty((await (await host.UserClient(LinkingHost.NewUser()).GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
        Assert.Equal(asked, QuestionsAsked());
    }

    private static void AssertOff(JsonElement link)
    {
        var push = link.GetProperty("push");
        Assert.Equal("Off", push.Str("status"));
        Assert.Equal(JsonValueKind.Null, push.GetProperty("expiresAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, push.GetProperty("lastNotificationAt").ValueKind);
    }

    /// <summary><c>GetLinkPush</c> queries the mediator handled so far (its pipeline logs each one at Debug).</summary>
    private int QuestionsAsked() => host.Logs.Lines.Count(l => l.Contains("GetLinkPush handled in", StringComparison.Ordinal));
}

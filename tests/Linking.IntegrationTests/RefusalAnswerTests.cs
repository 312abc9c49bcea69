using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>
/// Linking's deciders raise domain errors; the HTTP edge turns them into these exact problem
/// answers, the same status, title and detail callers have always read.
/// </summary>
public sealed class RefusalAnswerTests(LinkingHost host) : IClassFixture<LinkingHost>
{
    [Fact]
    public async Task Syncing_an_unlinked_link_is_a_409_saying_to_link_it_again()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var user = host.UserClient(LinkingHost.NewUser());
        var linkId = (await host.LinkAsync(user, "microsoft", mailbox)).Str("linkId");
        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);

        var problem = await (await user.PostAsync($"/api/me/links/{linkId}/sync", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("Link unlinked", problem.Str("title"));
        Assert.Equal($"{mailbox.ToLowerInvariant()} was unlinked; link it again to sync it.", problem.Str("detail"));
    }

    [Fact]
    public async Task Another_users_link_is_a_404_naming_it()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var owner = host.UserClient(LinkingHost.NewUser());
        var linkId = (await host.LinkAsync(owner, "microsoft", mailbox)).Str("linkId");

        var problem = await (await host.UserClient(LinkingHost.NewUser()).PostAsync($"/api/me/links/{linkId}/sync", null)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(("Not found", $"Link '{linkId}' was not found."), (problem.Str("title"), problem.Str("detail")));
    }

    [Fact]
    public async Task A_malformed_login_hint_is_a_400_on_the_field()
    {
        var user = host.UserClient(LinkingHost.NewUser());

        var problem = await (await user.PostAsJsonAsync("/api/me/links", new { provider = "microsoft", loginHint = "\"anna\"@contoso.com" })).AssertValidationProblemAsync("loginHint");

        Assert.Equal("One or more fields are invalid.", problem.Str("title"));
        Assert.Equal("""["Must be a valid email address."]""", problem.GetProperty("errors").GetProperty("loginHint").GetRawText());
    }
}

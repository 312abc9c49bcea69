using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>
/// <c>POST /api/me/links/{linkId}/check</c> answers like the sync request: 202 for the owner's active link, 404 for anyone
/// else's or none, 409 for an unlinked link; <c>completeness</c> on the listing is null until a check ran.
/// </summary>
public sealed class CompletenessRouteTests(LinkingHost host) : IClassFixture<LinkingHost>
{
    [Fact]
    public async Task The_owner_gets_202_anyone_else_404_and_an_unlinked_link_409()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Google);
        var owner = host.UserClient(LinkingHost.NewUser());
        var linkId = (await host.LinkAsync(owner, "google", mailbox)).Str("linkId");

        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsync($"/api/me/links/{linkId}/check", null)).StatusCode);
        var other = await (await host.UserClient(LinkingHost.NewUser()).PostAsync($"/api/me/links/{linkId}/check", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal($"Link '{linkId}' was not found.", other.Str("detail"));
        await (await owner.PostAsync("/api/me/links/not-a-link/check", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        var link = (await owner.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.Str("linkId") == linkId);
        Assert.Equal(JsonValueKind.Null, link.GetProperty("completeness").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);
        var unlinked = await (await owner.PostAsync($"/api/me/links/{linkId}/check", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal($"{mailbox.ToLowerInvariant()} was unlinked; link it again to check it.", unlinked.Str("detail"));
    }
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

/// <summary>
/// The sandbox's Gmail listing as the planned first sync relies on it, over raw HTTP: spam and trash left out unless
/// <c>includeSpamTrash=true</c> (and counted so in <c>resultSizeEstimate</c>), and <c>bcc:</c> reading the Bcc header only.
/// </summary>
public sealed class GmailSandboxListingTests : ReaderTest
{
    private const string Carl = "carl.rivera@gmail.example";
    private const string Dana = "dana@northwind.example";
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Carl, Provider = SandboxProvider.Google }, Ct);
        ScenarioMessage[] messages =
        [
            Mail("Inbox from Dana", Dana, [Carl], Now.AddDays(-1)),
            Mail("Spam from Dana", Dana, [Carl], Now.AddDays(-1)) with { LabelIds = ["SPAM"] },
            Mail("Trash from Dana", Dana, [Carl], Now.AddDays(-1)) with { LabelIds = ["TRASH"] },
            Mail("Bcc Dana", Carl, ["erin@contoso.com"], Now.AddDays(-2)) with { Bcc = [Dana] },
            Mail("Cc Dana", "erin@contoso.com", [Carl], Now.AddDays(-2)) with { Cc = [Dana] },
            Mail("Bcc Erin", Carl, [Dana], Now.AddDays(-2)) with { Bcc = ["erin@contoso.com"] },
        ];
        foreach (var message in messages)
        {
            _ids[(await Sandbox.Control.AddMessageAsync(Carl, message, Ct)).Id] = message.Subject;
        }
    }

    [Theory]
    [InlineData("", "Bcc Dana,Bcc Erin,Cc Dana,Inbox from Dana")]
    [InlineData("&includeSpamTrash=false", "Bcc Dana,Bcc Erin,Cc Dana,Inbox from Dana")]
    [InlineData("&includeSpamTrash=true", "Bcc Dana,Bcc Erin,Cc Dana,Inbox from Dana,Spam from Dana,Trash from Dana")]
    public async Task Spam_and_trash_are_listed_only_when_asked_for(string include, string expected)
    {
        var (subjects, estimate) = await ListAsync($"after:{Now.AddDays(-7).ToUnixTimeSeconds()}", include);

        Assert.Equal(expected.Split(','), subjects);
        Assert.Equal(subjects.Count, estimate);
    }

    [Fact]
    public async Task Bcc_reads_the_bcc_header_only()
    {
        var (subjects, _) = await ListAsync("bcc:" + Dana);

        Assert.Equal(["Bcc Dana"], subjects);
    }

    [Fact]
    public async Task A_bcc_term_in_an_any_of_group_lists_every_message_with_the_address_in_any_header()
    {
        var (subjects, _) = await ListAsync($"{{from:{Dana} to:{Dana} cc:{Dana} bcc:{Dana}}}");

        Assert.Equal(["Bcc Dana", "Bcc Erin", "Cc Dana", "Inbox from Dana"], subjects);
    }

    /// <summary>The listed messages' subjects, ordered, and the answer's <c>resultSizeEstimate</c>.</summary>
    private async Task<(List<string> Subjects, int Estimate)> ListAsync(string q, string rest = "")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Sandbox.Urls.GmailBaseUrl.TrimEnd('/')}/users/me/messages?q={Uri.EscapeDataString(q)}{rest}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await FreshTokenAsync(Carl));
        using var response = await http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var subjects = (body["messages"]?.AsArray() ?? []).Select(m => _ids[m!["id"]!.GetValue<string>()]).Order(StringComparer.Ordinal).ToList();
        return (subjects, body["resultSizeEstimate"]!.GetValue<int>());
    }
}

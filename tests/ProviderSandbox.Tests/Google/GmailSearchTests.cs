using System.Globalization;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Google;

/// <summary>Gmail search with OR and groups, and a message stored with invalid dates.</summary>
public sealed class GmailSearchTests : SandboxTest
{
    private const string Mailbox = "carl.rivera@gmail.example";
    private string _token = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = Clock.GetUtcNow();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Mailbox,
            Provider = SandboxProvider.Google,
            Messages =
            [
                new ScenarioMessage { Subject = "From Dana", From = "dana@northwind.example", To = [Mailbox], SentAt = now.AddDays(-1) },
                new ScenarioMessage { Subject = "Cc Dana", From = "erin@contoso.com", To = [Mailbox], Cc = ["dana@northwind.example"], SentAt = now.AddDays(-2) },
                new ScenarioMessage { Subject = "To Dana", From = Mailbox, To = ["dana@northwind.example"], SentAt = now.AddDays(-3) },
                new ScenarioMessage { Subject = "Old Dana", From = "dana@northwind.example", To = [Mailbox], SentAt = now.AddDays(-30) },
                new ScenarioMessage { Subject = "Unrelated", From = "erin@contoso.com", To = [Mailbox], SentAt = now.AddDays(-1) },
            ],
        }, Ct);
        _token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
    }

    [Theory]
    [InlineData("(from:dana@northwind.example OR to:dana@northwind.example OR cc:dana@northwind.example)", "Cc Dana,From Dana,Old Dana,To Dana")]
    [InlineData("after:{after} (from:dana@northwind.example OR cc:dana@northwind.example)", "Cc Dana,From Dana")]
    [InlineData("after:{after} {to:dana@northwind.example cc:dana@northwind.example}", "Cc Dana,To Dana")]
    [InlineData("after:{after} -(from:dana@northwind.example OR from:erin@contoso.com)", "To Dana")]
    public async Task Or_and_groups_combine_terms(string q, string expected)
    {
        var after = Clock.GetUtcNow().AddDays(-7).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        Assert.Equal(expected.Split(','), await SubjectsAsync(q.Replace("{after}", after, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_message_stored_with_invalid_dates_has_an_unparsable_date_header_and_internal_date()
    {
        var broken = await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Broken", From = "dana@northwind.example", To = [Mailbox], InvalidDates = true }, Ct);

        var (_, message) = await GetAsync($"users/me/messages/{broken.Id}?format=metadata&metadataHeaders=Date");

        Assert.Equal("not-a-number", message["internalDate"]!.GetValue<string>());
        Assert.Equal("not-a-date", message["payload"]!["headers"]![0]!["value"]!.GetValue<string>());
    }

    private async Task<string[]> SubjectsAsync(string q)
    {
        var (status, list) = await GetAsync("users/me/messages?q=" + Uri.EscapeDataString(q));
        Assert.Equal(200, status);
        var snapshot = await Sandbox.Control.GetMailboxAsync(Mailbox, Ct);
        var ids = (list["messages"] as JsonArray ?? []).Select(m => m!["id"]!.GetValue<string>()).ToHashSet();
        return [.. snapshot.Messages.Where(m => ids.Contains(m.Id)).Select(m => m.Subject).Order(StringComparer.Ordinal)];
    }

    private Task<(int Status, JsonNode Body)> GetAsync(string path) => HttpJson.GetAsync(Http, Sandbox.GmailBaseUrl + "/" + path, _token, Ct);
}

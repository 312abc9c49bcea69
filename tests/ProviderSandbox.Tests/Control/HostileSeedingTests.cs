using System.Text;
using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Control;

/// <summary>Test aids for hostile input: a Gmail message from raw MIME bytes, and wire overrides of rendered resources.</summary>
public sealed class HostileSeedingTests : SandboxTest
{
    private const string Gmail = "raw.user@gmail.example";
    private const string Outlook = "odd.user@contoso.example";

    private static readonly byte[] Mime = Encoding.Latin1.GetBytes(
        "From: Pat <pat@customer.example>\r\nTo: raw.user@gmail.example\r\nSubject: caf\u00C3\u0028\r\nDate: Fri, 20 Nov 2026 08:00:00 +0000\r\n" +
        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n" +
        "--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n" +
        "--inner\r\nContent-Type: text/plain; charset=\"iso-8859-1\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9 =\r\nsoft\r\n" +
        "--inner\r\nContent-Type: text/html; charset=\"x-no-such-charset\"\r\nContent-Transfer-Encoding: base64\r\n\r\nPGI+aGk8L2I+\r\n" +
        "--inner--\r\n--outer--\r\n");

    [Fact]
    public async Task A_gmail_message_seeded_from_raw_mime_answers_its_bytes_and_a_payload_built_from_them()
    {
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Gmail,
            Provider = SandboxProvider.Google,
            Messages = [new ScenarioMessage { Id = "18c0000000000001", Subject = "placed by", From = "pat@customer.example", To = [Gmail], RawMime = Convert.ToBase64String(Mime) }],
        }, Ct);
        var token = (await Sandbox.Control.IssueTokensAsync(Gmail, ct: Ct)).AccessToken;

        var (_, raw) = await HttpJson.GetAsync(Http, "gmail/v1/users/me/messages/18c0000000000001?format=raw", token, Ct);
        Assert.Equal(Mime, Convert.FromBase64String(raw["raw"]!.GetValue<string>().Replace('-', '+').Replace('_', '/')));

        var (_, full) = await HttpJson.GetAsync(Http, "gmail/v1/users/me/messages/18c0000000000001?format=full", token, Ct);
        var payload = full["payload"]!;
        Assert.Equal("multipart/mixed", payload["mimeType"]!.GetValue<string>());
        Assert.Equal("caf\uFFFD(", payload["headers"]!.AsArray().Single(h => h!["name"]!.GetValue<string>() == "Subject")!["value"]!.GetValue<string>());
        var alternative = payload["parts"]![0]!;
        Assert.Equal("0", alternative["partId"]!.GetValue<string>());
        var plain = alternative["parts"]![0]!;
        var html = alternative["parts"]![1]!;
        Assert.Equal(("0.0", "text/plain"), (plain["partId"]!.GetValue<string>(), plain["mimeType"]!.GetValue<string>()));
        Assert.Equal(Encoding.Latin1.GetBytes("caf\u00E9 soft\r\n"), Bytes(plain));
        Assert.Equal(("0.1", "<b>hi</b>"), (html["partId"]!.GetValue<string>(), Encoding.ASCII.GetString(Bytes(html))));

        var (_, metadata) = await HttpJson.GetAsync(Http, "gmail/v1/users/me/messages/18c0000000000001?format=metadata&metadataHeaders=From", token, Ct);
        Assert.Equal("Pat <pat@customer.example>", Assert.Single(metadata["payload"]!["headers"]!.AsArray())!["value"]!.GetValue<string>());
        Assert.Null(metadata["payload"]!["parts"]);
    }

    [Fact]
    public async Task Wire_overrides_replace_and_remove_properties_of_graph_messages_and_events()
    {
        var start = Clock.GetUtcNow().AddDays(1);
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Outlook,
            Provider = SandboxProvider.Microsoft,
            Messages = [new ScenarioMessage { Id = "odd-message", Subject = "Odd", From = "pat@customer.example", To = [Outlook], WireOverrides = new JsonObject { ["from"] = null, ["subject"] = "Replaced" } }],
            Events = [new ScenarioEvent { Id = "odd-event", Subject = "Backwards", Start = start, End = start.AddHours(1), WireOverrides = new JsonObject { ["end"] = new JsonObject { ["dateTime"] = "2026-11-20T00:00:00.0000000", ["timeZone"] = "UTC" } } }],
        }, Ct);
        var token = (await Sandbox.Control.IssueTokensAsync(Outlook, ct: Ct)).AccessToken;

        var (_, message) = await HttpJson.GetAsync(Http, "v1.0/me/messages/odd-message", token, Ct);
        Assert.Null(message["from"]);
        Assert.Equal("Replaced", message["subject"]!.GetValue<string>());
        Assert.NotNull(message["toRecipients"]);

        var (_, e) = await HttpJson.GetAsync(Http, "v1.0/me/events/odd-event", token, Ct);
        Assert.Equal("2026-11-20T00:00:00.0000000", e["end"]!["dateTime"]!.GetValue<string>());
    }

    private static byte[] Bytes(JsonNode part)
    {
        var data = part["body"]!["data"]!.GetValue<string>().Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(data);
    }
}

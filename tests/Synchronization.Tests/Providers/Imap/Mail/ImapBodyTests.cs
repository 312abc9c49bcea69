using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.Mail;

/// <summary>Bodies of real-world MIME, modelled on MimeKit's own test messages (bounces, TNEF, S/MIME, broken charsets, nesting).</summary>
public sealed class ImapBodyTests : ImapMailTest
{
    public static TheoryData<string, string, string> Kinds => new()
    {
        { "plain quoted-printable", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nCaf=C3=A9 at 9 =\nsharp\n", "Café at 9 sharp" },
        { "html only", "Content-Type: text/html; charset=utf-8\n\n<html><head><title>t</title><script>evil()</script></head><body><p>Hello <b>dock 4</b></p></body></html>\n", "Hello dock 4" },
        {
            "alternative", "Content-Type: multipart/alternative; boundary=alt\n\n--alt\nContent-Type: text/plain\n\nPlain wins\n--alt\nContent-Type: text/html\n\n<p>Html loses</p>\n--alt--\n",
            "Plain wins"
        },
        {
            "bounce multipart/report",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=rep\n\n--rep\nContent-Type: text/plain\n\nDelivery to customer@shipper.test failed permanently.\n"
            + "--rep\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.test\n\nFinal-Recipient: rfc822; customer@shipper.test\nAction: failed\nStatus: 5.1.1\n"
            + "--rep\nContent-Type: message/rfc822\n\nFrom: a@b.test\nSubject: original\n\noriginal body\n--rep--\n",
            "Delivery to customer@shipper.test failed permanently."
        },
        {
            "TNEF winmail.dat",
            "Content-Type: multipart/mixed; boundary=tnef\n\n--tnef\nContent-Type: text/plain; charset=us-ascii\n\nSee the attached rate sheet.\n"
            + "--tnef\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\nContent-Disposition: attachment; filename=\"winmail.dat\"\nContent-Transfer-Encoding: base64\n\neJ8+IgEAAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA5AQAAAAAAADoAAEIgAcAGAAAAElQTS5NaWNy\n--tnef--\n",
            "See the attached rate sheet."
        },
        {
            "S/MIME signed",
            "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=sig\n\n--sig\nContent-Type: text/plain; charset=utf-8\n\nSigned load confirmation.\n"
            + "--sig\nContent-Type: application/pkcs7-signature; name=smime.p7s\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=smime.p7s\n\nMIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAA==\n--sig--\n",
            "Signed load confirmation."
        },
        { "unknown charset", "Content-Type: text/plain; charset=x-no-such-charset\nContent-Transfer-Encoding: 8bit\n\nCaf\u00e9 Stra\u00dfe\n", "Café Straße" },
        { "charset that lies", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nna\u00efve \u00ff text\n", "naïve ÿ text" },
        {
            "nested multiparts",
            "Content-Type: multipart/mixed; boundary=m1\n\n--m1\nContent-Type: multipart/alternative; boundary=m2\n\n--m2\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\nTmVzdGVkIHBsYWluIOk=\n"
            + "--m2\nContent-Type: multipart/related; boundary=m3\n\n--m3\nContent-Type: text/html\n\n<p>Nested html</p>\n--m3\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--m3--\n--m2--\n"
            + "--m1\nContent-Type: application/pdf; name=rates.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--m1--\n",
            "Nested plain é"
        },
        { "html in windows-1252 base64", "Content-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: base64\n\nPHA+UHJpY2U6IIA1MDwvcD4=\n", "Price: €50" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_text_of_each_MIME_kind_is_read(string kind, string mime, string expected)
    {
        var id = await AppendAsync("INBOX", Raw($"From: a@carrier.test\nTo: {Mailbox.Address}\nSubject: {kind}\nMessage-ID: <{Guid.NewGuid():N}@carrier.test>\nMIME-Version: 1.0\n{mime}"));

        var bodies = await Reader.ReadBodiesAsync(Access(), [id], Ct);

        Assert.Equal(expected, bodies[id].BodyText);
        Assert.False(bodies[id].BodyTruncated);
        Assert.False(bodies[id].Bulk);
    }

    [Fact]
    public async Task Eight_bit_garbage_without_a_charset_still_gives_clean_text()
    {
        var garbage = new string([.. Enumerable.Range(0, 400).Select(i => (char)(0x80 + (i % 0x80)))]);
        var id = await AppendAsync("INBOX", Raw($"From: a@carrier.test\nSubject: junk\n\nReadable start {garbage} end\n"));

        var text = (await Reader.ReadBodiesAsync(Access(), [id], Ct))[id].BodyText;

        Assert.StartsWith("Readable start", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text!, c => c is '\0' || (char.IsControl(c) && c is not '\n' and not '\t'));
    }

    [Fact]
    public async Task Threading_headers_and_the_bulk_mark_come_with_the_body()
    {
        var id = await AppendAsync("INBOX", Raw(
            "From: news@carrier.test\nSubject: digest\nReferences: <root@x.test>\n <mid@x.test>\nIn-Reply-To: <mid@x.test>\nList-Unsubscribe: <mailto:u@carrier.test>\n\nweekly digest\n"));

        var content = (await Reader.ReadBodiesAsync(Access(), [id], Ct))[id];

        Assert.Equal(["<root@x.test>", "<mid@x.test>"], content.References);
        Assert.Equal("<mid@x.test>", content.InReplyTo);
        Assert.True(content.Bulk);
        Assert.Equal("weekly digest", content.BodyText);
    }

    [Fact]
    public async Task Only_the_text_part_is_fetched_and_a_huge_body_only_in_part()
    {
        var huge = string.Concat(Enumerable.Repeat("0123456789 abcdefghijklmnopqrstuvwxyz\n", 80_000)); // about 3 MB
        var attachment = Convert.ToBase64String(new byte[6 * 1024 * 1024]).Chunk(76).Select(c => new string(c));
        var hugeId = await AppendAsync("INBOX", Raw($"From: a@carrier.test\nSubject: huge\nContent-Type: text/plain\n\n{huge}"));
        var attachedId = await AppendAsync("INBOX", Raw(
            "From: a@carrier.test\nSubject: attached\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nRates attached.\n"
            + $"--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n{string.Join("\n", attachment)}\n--b--\n"));
        await using var proxy = TcpFaultProxy.Start(MailServers.Current.Host, MailServers.Current.ImapsPort);

        var bodies = await Reader.ReadBodiesAsync(AccessThrough(proxy), [hugeId, attachedId], Ct);

        Assert.True(bodies[hugeId].BodyTruncated);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(bodies[hugeId].BodyText!), TextLimits.MaxBodyBytes * 9 / 10, TextLimits.MaxBodyBytes);
        Assert.Equal("Rates attached.", bodies[attachedId].BodyText);
        Assert.InRange(proxy.BytesFromTarget, 0, 2 * 1024 * 1024);
    }

    [Fact]
    public async Task Ids_that_are_not_the_mailbox_s_are_absent_from_the_answer()
    {
        var id = await AppendAsync("INBOX", Mail("one", "a@carrier.test", Mailbox.Address));
        var parts = id.Split(':');

        var bodies = await Reader.ReadBodiesAsync(Access(), [id, "inbox:1:999999", $"inbox:{parts[1]}:999999", "sent:x:1", "AAMkAGI2", $"drafts:{parts[1]}:{parts[2]}"], Ct);

        Assert.Equal([id], bodies.Keys);
    }
}

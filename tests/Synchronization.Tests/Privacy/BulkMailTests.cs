using NavusoftSync.Synchronization.Privacy;

namespace NavusoftSync.Synchronization.Tests.Privacy;

/// <summary>What marks mail as bulk: its headers, or a no-reply sender.</summary>
public sealed class BulkMailTests
{
    [Theory]
    [InlineData("List-Unsubscribe", "<mailto:leave@list.example>")]
    [InlineData("list-unsubscribe", "<https://list.example/u>")]
    [InlineData("List-Id", "Yard news <news.list.example>")]
    [InlineData("LIST-ID", "")]
    [InlineData("Precedence", "bulk")]
    [InlineData("Precedence", " List ")]
    [InlineData("precedence", "JUNK")]
    [InlineData("Auto-Submitted", "auto-generated")]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("auto-submitted", "auto-notified; owner-email=\"x@y.example\"")]
    public void A_list_precedence_or_auto_submitted_header_marks_bulk(string name, string value) =>
        Assert.True(BulkMail.IsBulk([new(name, value)]));

    [Theory]
    [InlineData("Auto-Submitted", "no")]
    [InlineData("Auto-Submitted", " NO ")]
    [InlineData("Auto-Submitted", "")]
    [InlineData("Precedence", "first-class")]
    [InlineData("Precedence", "bulky")]
    [InlineData("X-List-Id", "not the header")]
    [InlineData("Subject", "List-Unsubscribe")]
    public void Other_headers_and_values_do_not(string name, string value) =>
        Assert.False(BulkMail.IsBulk([new(name, value), new("From", "pat@customer.example")]));

    [Fact]
    public void No_headers_are_not_bulk() => Assert.False(BulkMail.IsBulk([]));

    [Theory]
    [InlineData("noreply@shop.example")]
    [InlineData("No-Reply@shop.example")]
    [InlineData("no_reply@shop.example")]
    [InlineData("donotreply@bank.example")]
    [InlineData("do-not-reply@bank.example")]
    [InlineData("noreply+orders@shop.example")]
    [InlineData("noreply-billing@shop.example")]
    [InlineData("no-reply.alerts@shop.example")]
    [InlineData("MAILER-DAEMON@mx.example")]
    [InlineData("bounces@list.example")]
    public void A_no_reply_local_part_marks_the_sender(string address) => Assert.True(BulkMail.IsNoReply(address));

    [Theory]
    [InlineData("pat@customer.example")]
    [InlineData("noreplyguy@customer.example")]
    [InlineData("reply@customer.example")]
    [InlineData("pat@noreply.example")]
    [InlineData("pat+noreply@customer.example")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_senders_are_not_no_reply(string? address) => Assert.False(BulkMail.IsNoReply(address));
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Telemetry;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using OpenTelemetry.Trace;

namespace NavusoftSync.Synchronization.IntegrationTests.Telemetry;

/// <summary>
/// One run's spans, exported in memory by the host's own tracer provider: one tree whose root is <c>sync.run</c> (link id,
/// provider, trigger, run id), with the provider's HTTP calls (the Google APIs' and the Graph SDK's HttpClients) and the database commits
/// (Npgsql) under it, and nothing of the trace outside it.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class RunTraceTests : IAsyncLifetime
{
    private const string Tenant = "tenant-traces";
    private readonly List<Activity> _spans = [];
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(
        Tenant,
        new Dictionary<string, string?> { ["Telemetry:Traces:Enabled"] = "true" },
        services => services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddInMemoryExporter(_spans)));

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SandboxProvider.Google, "google", "/gmail/v1/users/me/messages", "/calendar/v3/calendars/")]
    [InlineData(SandboxProvider.Microsoft, "microsoft", "/v1.0/", "calendar")]
    public async Task A_runs_spans_form_one_tree_from_the_run_through_provider_calls_to_the_commit(
        SandboxProvider sandboxProvider, string provider, string mailCall, string calendarCall)
    {
        var linkId = await LinkMailboxAsync(sandboxProvider, provider);

        var result = await _world.RunAsync(linkId);
        Assert.True(result.Ran, result.Reason);

        Activity[] spans;
        lock (_spans)
        {
            spans = [.. _spans];
        }

        var run = Assert.Single(spans, s => s.OperationName == "sync.run" && (string?)s.GetTagItem(SyncTelemetry.LinkIdAttribute) == linkId);
        Assert.Equal(default, run.ParentSpanId);
        Assert.Equal(provider, run.GetTagItem(SyncTelemetry.ProviderAttribute));
        Assert.Equal("schedule", run.GetTagItem(SyncTelemetry.TriggerAttribute));
        Assert.Equal("completed", run.GetTagItem(SyncTelemetry.OutcomeAttribute));
        Assert.False(string.IsNullOrEmpty((string?)run.GetTagItem(SyncTelemetry.RunIdAttribute)));

        var tree = spans.Where(s => s.TraceId == run.TraceId).ToList();
        var ids = tree.Select(s => s.SpanId).ToHashSet();
        Assert.All(tree.Where(s => s != run), s => Assert.Contains(s.ParentSpanId, ids));
        Assert.All(tree, s => Assert.True(s.StartTimeUtc >= run.StartTimeUtc && s.StartTimeUtc + s.Duration <= run.StartTimeUtc + run.Duration, $"{s.DisplayName} outside the run"));
        var rounds = tree.Where(s => s.OperationName == "sync.round" && s.ParentSpanId == run.SpanId).ToList();
        Assert.Contains(rounds, r => (string?)r.GetTagItem("navusoftsync.round") == "MailRound");
        Assert.Contains(rounds, r => (string?)r.GetTagItem("navusoftsync.round") == "CalendarRound");
        Assert.Contains(tree, s => s.OperationName == "sync.page" && rounds.Any(r => r.SpanId == s.ParentSpanId));

        var sandbox = new Uri(_world.Sandbox.GmailBaseUrl).Authority;
        var calls = tree.Where(s => s.Source.Name == "System.Net.Http" && ((string?)s.GetTagItem("url.full"))?.Contains(sandbox, StringComparison.Ordinal) == true).ToList();
        Assert.Contains(calls, c => ((string?)c.GetTagItem("url.full"))!.Contains(mailCall, StringComparison.Ordinal) && !((string?)c.GetTagItem("url.full"))!.Contains("calendar", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(calls, c => ((string?)c.GetTagItem("url.full"))!.Contains(calendarCall, StringComparison.OrdinalIgnoreCase));
        Assert.All(calls, c => Assert.Equal(200, Convert.ToInt32(c.GetTagItem("http.response.status_code"), System.Globalization.CultureInfo.InvariantCulture)));

        var database = tree.Where(s => s.Source.Name == "Npgsql").ToList();
        Assert.NotEmpty(database);
        var lastCall = calls.Max(c => c.StartTimeUtc + c.Duration);
        Assert.Contains(database, d => d.StartTimeUtc >= lastCall);
        Assert.DoesNotContain(spans, s => s.Source.Name == "Npgsql" && s.ParentSpanId == default);
    }

    private async Task<string> LinkMailboxAsync(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"dana-traces-{provider}@hauler.example";
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages = [new ScenarioMessage { Subject = "Container swap", From = mailbox, To = ["pat@customer.example"], SentAt = now.AddDays(-2), Body = "Tomorrow?", Folder = "sentitems" }],
            Events = [new ScenarioEvent { Subject = "Yard walk", Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }] }],
        });
        await _world.SeedAsync(provider);
        var linkId = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, $"user-traces-{provider}")), provider, mailbox);
        await _world.WaitAsync();
        return linkId;
    }
}

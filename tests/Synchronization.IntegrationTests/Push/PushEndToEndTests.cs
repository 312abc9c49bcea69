using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Quartz;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// Push from end to end, each provider through its real client (the Graph SDK, our Google clients) against the
/// sandbox: linking makes the registrations, a new message or meeting reaches the calendar within seconds while the
/// poll is an hour away, the run says it was woken by push, and unlinking leaves nothing behind at the provider.
/// </summary>
public sealed class PushEndToEndTests : IAsyncLifetime
{
    private const string Tenant = "tenant-push-e2e";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);
    private SyncWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await PushWorlds.StartAsync(Tenant);
        await _world.SeedAsync("microsoft");
        Assert.Equal(HttpStatusCode.OK, (await _world.App.ClientFor(Tokens.Admin(Tenant)).PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Microsoft_subscriptions_bring_a_message_and_a_meeting_within_seconds_and_unlink_deletes_them()
    {
        const string mailbox = "ann@hauler.example";
        var (user, linkId) = await LinkWithPushAsync(_world, Tenant, "microsoft", mailbox, "user-ms");

        var subscriptions = (await _world.Sandbox.Control.GetPushStateAsync()).GraphSubscriptions.Where(s => s.Mailbox == mailbox).ToList();
        Assert.Equal(3, subscriptions.Count);
        Assert.All(subscriptions, s =>
        {
            Assert.Equal(NavusoftApp.TestServerBaseUrl + "/api/webhooks/microsoft", s.NotificationUrl);
            Assert.Equal(NavusoftApp.TestServerBaseUrl + "/api/webhooks/microsoft/lifecycle", s.LifecycleNotificationUrl);
            Assert.True(s.ExpirationDateTime <= DateTimeOffset.UtcNow.AddMinutes(10_070));
        });
        Assert.Equal(3, subscriptions.Select(s => s.ClientState).Distinct().Count());

        await ArrivesByPushAsync(user, linkId, mailbox, "Bin swap next week");
        var beforeMeeting = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddEventAsync(mailbox, Meeting("Yard walk"));
        Assert.True(await StoredSync.EventuallyAsync(async () => (await TitlesAsync(user)).Contains("Yard walk"), Soon), "The meeting did not reach the calendar by push.");
        Assert.True(await NotifiedSinceAsync(user, linkId, beforeMeeting));

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);
        Assert.DoesNotContain((await _world.Sandbox.Control.GetPushStateAsync()).GraphSubscriptions, s => s.Mailbox == mailbox);
    }

    [Fact]
    public async Task Gmail_and_calendar_push_bring_a_message_and_a_meeting_within_seconds_and_unlink_stops_both()
    {
        const string mailbox = "bo@hauler-google.example";
        var (user, linkId) = await LinkWithPushAsync(_world, Tenant, "google", mailbox, "user-gg");

        var state = await _world.Sandbox.Control.GetPushStateAsync();
        Assert.Equal(PushWorlds.Topic, Assert.Single(state.GmailWatches, w => w.Mailbox == mailbox).TopicName);
        var channel = Assert.Single(state.CalendarChannels, c => c.Mailbox == mailbox);
        Assert.Equal(NavusoftApp.TestServerBaseUrl + "/api/webhooks/google/calendar", channel.Address);
        Assert.Equal(43, channel.Token?.Length);

        await ArrivesByPushAsync(user, linkId, mailbox, "Container delivery");
        var beforeMeeting = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddEventAsync(mailbox, Meeting("Route review"));
        Assert.True(await StoredSync.EventuallyAsync(async () => (await TitlesAsync(user)).Contains("Route review"), Soon), "The meeting did not reach the calendar by push.");
        Assert.True(await NotifiedSinceAsync(user, linkId, beforeMeeting));

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);
        state = await _world.Sandbox.Control.GetPushStateAsync();
        Assert.DoesNotContain(state.GmailWatches, w => w.Mailbox == mailbox);
        Assert.DoesNotContain(state.CalendarChannels, c => c.Mailbox == mailbox);
    }

    [Fact]
    public async Task A_subscription_Graph_removed_is_made_again_and_a_delta_runs()
    {
        const string mailbox = "em@hauler.example";
        var (user, linkId) = await LinkWithPushAsync(_world, Tenant, "microsoft", mailbox, "user-removed");
        var removed = (await RegistrationIdsAsync(_world, mailbox)).First();
        await _world.Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = mailbox, Kind = PushFaultKind.Drop, Count = 1 });
        await _world.Sandbox.Control.AddMessageAsync(mailbox, new ScenarioMessage { Subject = "Sent while unnotified", From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddMinutes(-1), Body = "x" });

        await _world.Sandbox.Control.SendLifecycleAsync(removed, GraphLifecycleEvent.SubscriptionRemoved);

        // The upkeep that makes it again is a Quartz job: on a loaded machine it has started later than Soon after the notification.
        Assert.True(await StoredSync.EventuallyAsync(async () => await RegistrationIdsAsync(_world, mailbox) is { Count: 3 } now && !now.Contains(removed), 2 * Soon), "The removed subscription was not made again.");
        Assert.True(await StoredSync.EventuallyAsync(async () => (await TitlesAsync(user)).Contains("Sent while unnotified"), Soon), "No delta ran after the subscription was removed.");
        await WaitPushActiveAsync(user, linkId);
    }

    [Fact]
    public async Task A_lost_grant_leaves_the_subscriptions_orphaned_and_linking_again_deletes_them_at_the_provider()
    {
        const string mailbox = "ida@hauler.example";
        var (user, linkId) = await LinkWithPushAsync(_world, Tenant, "microsoft", mailbox, "user-lost-grant");
        var orphaned = await RegistrationIdsAsync(_world, mailbox);

        // The user revokes the app at the provider: the next sync finds the grant refused, and the link needs linking again.
        await _world.Sandbox.Control.RevokeTokensAsync(mailbox);
        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsync($"/api/me/links/{linkId}/sync", null)).StatusCode);
        Assert.True(await StoredSync.EventuallyAsync(async () => await LinkAsync(user, linkId) is var link
            && link.GetProperty("status").GetString() == "ReauthRequired" && link.GetProperty("push").GetProperty("status").GetString() == "Off", Soon));

        // Without a grant nothing can delete them: they stay at the provider, and no notification for them reaches the link.
        Assert.Equal(orphaned, await RegistrationIdsAsync(_world, mailbox));

        Assert.Equal(linkId, await _world.LinkAsync(user, "microsoft", mailbox));
        await WaitPushActiveAsync(user, linkId);
        var made = await RegistrationIdsAsync(_world, mailbox);
        Assert.Equal(3, made.Count);
        Assert.False(made.Overlaps(orphaned), "The orphaned subscriptions were not deleted at the provider once the link had a grant again.");
    }

    /// <summary>A new mailbox of the provider at the sandbox, linked by a user of its own through the real OAuth flow, once its push is Active.</summary>
    internal static async Task<(HttpClient User, string LinkId)> LinkWithPushAsync(SyncWorld world, string tenant, string provider, string mailbox, string userId)
    {
        await world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = mailbox, Provider = provider == "google" ? SandboxProvider.Google : SandboxProvider.Microsoft });
        var user = world.App.ClientFor(Tokens.User(tenant, userId));
        var linkId = await world.LinkAsync(user, provider, mailbox);
        await WaitPushActiveAsync(user, linkId);
        return (user, linkId);
    }

    [Fact]
    public async Task A_link_without_a_push_upkeep_job_gets_one_at_its_next_scheduled_sync()
    {
        var (_, linkId) = await LinkWithPushAsync(_world, Tenant, "microsoft", "jo@hauler.example", "user-backfill");
        var scheduler = await _world.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = new JobKey($"{Tenant}|{linkId}", "push");
        Assert.True(await scheduler.DeleteJob(job)); // as for a link made before push existed, or while it was off

        await scheduler.TriggerJob(new JobKey($"{Tenant}|{linkId}", "sync")); // the link's interval firing (no trigger data: a scheduled run)

        Assert.True(await StoredSync.EventuallyAsync(async () => await scheduler.Exists(job), Soon), "The link's scheduled sync did not give it back its push upkeep job.");
    }

    private static async Task<JsonElement> LinkAsync(HttpClient user, string linkId) =>
        (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);

    /// <summary>The mailbox's live subscriptions, watch and channels at the sandbox, by id (a watch by its expiry: a new watch has a later one).</summary>
    internal static async Task<HashSet<string>> RegistrationIdsAsync(SyncWorld world, string mailbox)
    {
        var state = await world.Sandbox.Control.GetPushStateAsync();
        return
        [
            .. state.GraphSubscriptions.Where(s => s.Mailbox == mailbox).Select(s => s.Id),
            .. state.GmailWatches.Where(w => w.Mailbox == mailbox).Select(w => $"watch:{w.Mailbox}:{w.Expiration:O}"),
            .. state.CalendarChannels.Where(c => c.Mailbox == mailbox).Select(c => c.Id),
        ];
    }

    /// <summary>
    /// A message from the contact is added at the provider; with the poll an hour away it is on the calendar within
    /// seconds, the link shows a notification received after the add, and a run with trigger push recorded it.
    /// </summary>
    private async Task ArrivesByPushAsync(HttpClient user, string linkId, string mailbox, string subject)
    {
        var before = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMessageAsync(mailbox, new ScenarioMessage { Subject = subject, From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddMinutes(-1), Body = "By push." });
        Assert.True(await StoredSync.EventuallyAsync(async () => (await TitlesAsync(user)).Contains(subject), Soon), $"'{subject}' did not reach the calendar by push.");
        Assert.True(await NotifiedSinceAsync(user, linkId, before), "No notification was received for the link after the message was added.");
        var runs = await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs");
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("trigger").GetString() == "push" && r.GetProperty("recorded").GetInt32() >= 1);
    }

    /// <summary>Whether the link's <c>push.lastNotificationAt</c> is at or after <paramref name="since"/>.</summary>
    internal static async Task<bool> NotifiedSinceAsync(HttpClient user, string linkId, DateTimeOffset since)
    {
        var link = (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
        return link.GetProperty("push").GetProperty("lastNotificationAt") is { ValueKind: JsonValueKind.String } last && last.GetDateTimeOffset() >= since;
    }

    internal static async Task WaitPushActiveAsync(HttpClient user, string linkId)
    {
        JsonElement link = default;
        var active = await StoredSync.EventuallyAsync(async () =>
        {
            link = (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
            return link.GetProperty("push").GetProperty("status").GetString() == "Active" && link.GetProperty("lastSyncAt").ValueKind != JsonValueKind.Null;
        }, Soon);
        Assert.True(active, $"Push did not become Active after linking: {link}");
        Assert.True(link.GetProperty("push").GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    internal static async Task<HashSet<string>> TitlesAsync(HttpClient user)
    {
        var today = DateTimeOffset.UtcNow;
        var from = today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var calendar = await user.GetFromJsonAsync<JsonElement>($"/api/me/calendar?from={from}&to={to}&tz=UTC");
        var titles = calendar.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("title").GetString()!).ToHashSet(StringComparer.Ordinal);
        return titles;
    }

    private static ScenarioEvent Meeting(string subject)
    {
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddHours(10);
        return new ScenarioEvent { Subject = subject, Start = start, End = start.AddHours(1), Organizer = "pat@customer.example", Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }] };
    }
}

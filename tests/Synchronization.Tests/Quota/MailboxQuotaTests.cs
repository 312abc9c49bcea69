using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Quota;

namespace NavusoftSync.Synchronization.Tests.Quota;

/// <summary>
/// A host's <see cref="MailboxQuota"/> over the in-process ledger on a fake clock: it waits exactly as long as the refill
/// needs, is shared by the links of one mailbox whatever the address's case, stops on cancellation, and fails a read
/// whose wait would outlast the longest a run waits.
/// </summary>
public sealed class MailboxQuotaTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly MailboxQuotas _quotas;

    public MailboxQuotaTests()
    {
        // Calendar: 100 requests per 10 s → 9 per second, a burst of 10 with no hold.
        var options = new QuotaOptions { GrantHoldMilliseconds = 0, Calendar = new QuotaLimit { Limit = 100, WindowSeconds = 10 } };
        _quotas = new MailboxQuotas(new ProcessQuotaLedger(_clock), Options.Create(options), Options.Create(new ProviderReadingOptions()), _clock);
    }

    public void Dispose() => _quotas.Dispose();

    [Fact]
    public async Task A_spend_past_the_burst_waits_for_the_refill_and_no_longer()
    {
        var quota = _quotas.For(ProviderQuotaCosts.Calendar, "anna@contoso.com")!;
        for (var i = 0; i < 10; i++)
        {
            Assert.True(quota.SpendAsync(1, CancellationToken.None).AsTask().IsCompletedSuccessfully, $"request {i + 1} of the burst waited");
        }

        var eleventh = quota.SpendAsync(1, CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(eleventh.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(12)); // 1/9 s: one unit refilled
        await eleventh.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_request_costing_more_than_the_whole_burst_is_charged_the_burst_and_goes_at_once()
    {
        var quota = _quotas.For(ProviderQuotaCosts.Calendar, "kim@hauler.example")!;

        Assert.True(quota.SpendAsync(10_000, CancellationToken.None).AsTask().IsCompletedSuccessfully, "a batch of 10,000 waited for units the bucket never holds");
        var next = quota.SpendAsync(1, CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted, "the batch was charged less than the burst");
        _clock.Advance(TimeSpan.FromMilliseconds(112)); // 1/9 s: one unit refilled
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Two_links_of_one_mailbox_share_its_quota_whatever_the_case_of_the_address()
    {
        Assert.Same(_quotas.For(ProviderQuotaCosts.Calendar, "Anna@Contoso.com "), _quotas.For(ProviderQuotaCosts.Calendar, "anna@contoso.com"));
        Assert.NotSame(_quotas.For(ProviderQuotaCosts.Calendar, "anna@contoso.com"), _quotas.For(ProviderQuotaCosts.Gmail, "anna@contoso.com"));
        Assert.Null(_quotas.For(null, "anna@contoso.com"));
    }

    [Fact]
    public async Task Cancelling_a_waiting_spend_ends_it_at_once()
    {
        var quota = _quotas.For(ProviderQuotaCosts.Calendar, "eli@hauler.example")!;
        for (var i = 0; i < 10; i++)
        {
            await quota.SpendAsync(1, CancellationToken.None);
        }

        using var cancel = new CancellationTokenSource();
        var waiting = quota.SpendAsync(1, cancel.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_pause_longer_than_a_run_waits_fails_the_read_instead_of_blocking_it()
    {
        var quota = _quotas.For(ProviderQuotaCosts.Calendar, "dana@hauler.example")!;
        await quota.PauseAsync(TimeSpan.FromMinutes(5), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ProviderUnavailableException>(() => quota.SpendAsync(1, CancellationToken.None).AsTask());
        Assert.Contains("paused", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pause_within_the_limit_holds_the_spend_until_it_ends()
    {
        var quota = _quotas.For(ProviderQuotaCosts.Calendar, "lee@hauler.example")!;
        await quota.PauseAsync(TimeSpan.FromSeconds(2), CancellationToken.None);

        var waiting = quota.SpendAsync(1, CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(112));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}

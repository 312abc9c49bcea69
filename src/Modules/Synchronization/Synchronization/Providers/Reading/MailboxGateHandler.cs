using System.Diagnostics;
using System.Globalization;
using NavusoftSync.Synchronization.Quota;
using NavusoftSync.Synchronization.Telemetry;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>
/// Prices each HTTP exchange (<see cref="ProviderQuotaCosts"/>), spends it from the read's budget and from the mailbox's
/// shared quota, then holds one of the mailbox's slots for the exchange, body included. It sits below the retry logic, so a
/// retried request spends again and waiting out a <c>Retry-After</c> or a backoff never holds a slot. A throttled answer with
/// a <c>Retry-After</c> pauses the mailbox's quota for every host. Every exchange is counted in
/// <see cref="SyncTelemetry.ProviderRequests"/>.
/// </summary>
internal sealed class MailboxGateHandler(MailboxGate gate, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cost = await ProviderQuotaCosts.OfAsync(gate.Provider, request, cancellationToken);
        var quota = gate.Quotas.For(cost.Api, gate.Address);
        await gate.Budget.SpendAsync(Math.Max(1, cost.Units), cancellationToken);
        if (quota is not null)
        {
            await SpendAsync(quota, cost.Units, cancellationToken);
        }

        var response = await ExchangeAsync(request, cancellationToken);
        ProviderThrottling.DropUnusableRetryAfter(response, clock.GetUtcNow());
        var throttled = await ProviderThrottling.IsThrottledAsync(response, cancellationToken);
        Count(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), throttled);
        if (throttled && quota is not null && ProviderThrottling.Pause(response, clock.GetUtcNow(), gate.Quotas.MaxPause) is { } pause)
        {
            await quota.PauseAsync(pause, cancellationToken);
        }

        return response;
    }

    private async Task<HttpResponseMessage> ExchangeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.Slots.WaitAsync(cancellationToken);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Count("error", throttled: false);
            throw;
        }
        finally
        {
            gate.Slots.Release();
        }
    }

    private async Task SpendAsync(MailboxQuota quota, int units, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        await quota.SpendAsync(units, cancellationToken);
        var tags = QuotaTags(quota);
        SyncTelemetry.QuotaWait.Record(clock.GetElapsedTime(started).TotalSeconds, tags);
        SyncTelemetry.QuotaSpent.Add(units, tags);
    }

    private static TagList QuotaTags(MailboxQuota quota) =>
        new() { { "provider", MailboxQuotas.ProviderOf(quota.Key.Api) }, { "api", quota.Key.Api } };

    private void Count(string status, bool throttled) =>
        SyncTelemetry.ProviderRequests.Add(1, new TagList { { "provider", gate.Provider }, { "status", status }, { "throttled", throttled } });
}

using System.Threading.Channels;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>
/// Sends notifications in the background: the request or mutation that caused one never waits for it. Each mailbox has its
/// own lane, so one mailbox's notifications leave in the order they were queued while a slow subscriber of one mailbox
/// never holds up another's. Push faults are applied here (drop, delay, duplicate); a failed or non-2xx attempt is retried
/// a few times with a short backoff, off the lane, as Graph and Pub/Sub retry. Every attempt is recorded.
/// </summary>
internal sealed class PushDispatcher(PushHttp http, PushDeliveryLog log, PushFaultQueue faults) : BackgroundService
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
    private const int DefaultDelayMs = 2_000;

    private readonly Channel<(int Generation, OutboundNotification Notification)> _queue =
        Channel.CreateUnbounded<(int, OutboundNotification)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<string, Channel<(int Generation, OutboundNotification Notification)>> _lanes = new(StringComparer.OrdinalIgnoreCase);
    private int _generation;

    public void Enqueue(OutboundNotification notification) => _queue.Writer.TryWrite((Volatile.Read(ref _generation), notification));

    /// <summary>Forgets what is still queued (a reset): those notifications are never sent.</summary>
    public void Clear() => Interlocked.Increment(ref _generation);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var queued in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (!_lanes.TryGetValue(queued.Notification.Mailbox, out var lane))
            {
                _lanes[queued.Notification.Mailbox] = lane = Channel.CreateUnbounded<(int, OutboundNotification)>(new UnboundedChannelOptions { SingleReader = true });
                Detach(() => DrainAsync(lane.Reader, stoppingToken));
            }

            lane.Writer.TryWrite(queued);
        }
    }

    private async Task DrainAsync(ChannelReader<(int Generation, OutboundNotification Notification)> lane, CancellationToken ct)
    {
        await foreach (var (generation, notification) in lane.ReadAllAsync(ct))
        {
            if (generation == Volatile.Read(ref _generation))
            {
                await DispatchAsync(notification, ct);
            }
        }
    }

    private async Task DispatchAsync(OutboundNotification notification, CancellationToken ct)
    {
        switch (faults.Take(notification.Mailbox))
        {
            case { Kind: PushFaultKind.Drop }:
                log.Add(notification, new PushAttempt(null, null, Dropped: true));
                break;
            case { Kind: PushFaultKind.Delay } delay:
                Detach(async () =>
                {
                    await Task.Delay(Math.Max(0, delay.DelayMs ?? DefaultDelayMs), ct);
                    await DeliverAsync(notification, new PushAttempt(null, null, Delayed: true), ct);
                });
                break;
            case { Kind: PushFaultKind.Duplicate }:
                await DeliverAsync(notification, new PushAttempt(null, null), ct);
                await DeliverAsync(notification, new PushAttempt(null, null, Duplicate: true), ct);
                break;
            default:
                await DeliverAsync(notification, new PushAttempt(null, null), ct);
                break;
        }
    }

    /// <summary>The first attempt now; retries, when needed, in the background so the queue moves on.</summary>
    private async Task DeliverAsync(OutboundNotification notification, PushAttempt flags, CancellationToken ct)
    {
        if (await AttemptAsync(notification, flags, ct))
        {
            return;
        }

        Detach(async () =>
        {
            for (var retry = 0; retry < RetryDelays.Length; retry++)
            {
                await Task.Delay(RetryDelays[retry], ct);
                if (await AttemptAsync(notification, flags with { Number = retry + 2 }, ct))
                {
                    return;
                }
            }
        });
    }

    private async Task<bool> AttemptAsync(OutboundNotification notification, PushAttempt flags, CancellationToken ct)
    {
        PushAttempt outcome;
        try
        {
            using var request = notification.ToRequest();
            var response = await http.SendAsync(request, Timeout, ct);
            outcome = flags with { Status = response.Status };
        }
        catch (Exception exception) when (!ct.IsCancellationRequested)
        {
            // Whatever the subscriber's address or answer does, the queue keeps going: the failure is the record.
            outcome = flags with { Error = exception.GetType().Name + ": " + exception.Message };
        }

        log.Add(notification, outcome);
        return outcome.Status is >= 200 and < 300;
    }

    private static void Detach(Func<Task> work) => _ = Task.Run(async () =>
    {
        try
        {
            await work();
        }
        catch (OperationCanceledException)
        {
            // The sandbox is stopping.
        }
    });
}

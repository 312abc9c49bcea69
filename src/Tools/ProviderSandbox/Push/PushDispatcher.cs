using System.Threading.Channels;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>
/// Sends notifications in the background, in the order they were queued: the request or mutation that caused one never
/// waits for it. Push faults are applied here (drop, delay, duplicate); a failed or non-2xx attempt is retried a few times
/// with a short backoff, off the queue, as Graph and Pub/Sub retry. Every attempt is recorded.
/// </summary>
internal sealed class PushDispatcher(PushHttp http, PushDeliveryLog log, PushFaultQueue faults) : BackgroundService
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
    private const int DefaultDelayMs = 2_000;

    private readonly Channel<(int Generation, OutboundNotification Notification)> _queue =
        Channel.CreateUnbounded<(int, OutboundNotification)>(new UnboundedChannelOptions { SingleReader = true });

    private int _generation;

    public void Enqueue(OutboundNotification notification) => _queue.Writer.TryWrite((Volatile.Read(ref _generation), notification));

    /// <summary>Forgets what is still queued (a reset): those notifications are never sent.</summary>
    public void Clear() => Interlocked.Increment(ref _generation);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (generation, notification) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (generation == Volatile.Read(ref _generation))
            {
                await DispatchAsync(notification, stoppingToken);
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
            var (status, _) = await http.SendAsync(request, Timeout, ct);
            outcome = flags with { Status = status };
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or InvalidOperationException or IOException)
        {
            outcome = flags with { Error = exception.Message };
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

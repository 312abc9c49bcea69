using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace NavusoftSync.Calendar.Viewing;

internal enum AnswerShape
{
    Range,
    Day,
}

/// <summary>
/// Which answer: everything it depends on besides the calendar's entries and the tenant's visibility levels (whose
/// versions make the stamp). <c>Caller</c>: who reads an account calendar (what they see depends on whether they hold
/// each item); empty for a user calendar, which only its owner reads.
/// </summary>
internal readonly record struct AnswerKey(string Tenant, string Owner, string Caller, AnswerShape Shape, DateOnly From, DateOnly To, string Zone);

/// <summary>
/// Serialized calendar answers, each kept with the stamp of the calendar it was computed under, in
/// a size-limited memory cache (least recently used answers go first). An answer is served only
/// when the calendar's stamp read for the request equals the one it was kept with: a stamp changes
/// in the same transaction as any entry of its calendar and never takes an earlier value again, so
/// a kept answer is never stale. An account calendar's stamp also holds the fingerprint of the tenant's
/// visibility levels, which changes with any of them. The key holds the tenant, the calendar and (account
/// calendars) the caller, so one tenant's answer is never looked up for another's request, nor one user's
/// view of an account calendar for another user. One answer per key: a newer stamp replaces it.
/// Requests that miss the same answer under the same stamp at the same moment (an office opening a
/// calendar right after it changed) share one computation (<see cref="ComputeOnceAsync"/>).
/// </summary>
internal sealed class CalendarAnswerCache : IDisposable
{
    public const string SizeSetting = "Calendar:AnswerCacheMiB";
    public const int DefaultMiB = 64;

    private const int EntryOverhead = 256;

    private readonly MemoryCache? _cache;
    private readonly ConcurrentDictionary<(AnswerKey Key, string Stamp), Task<CalendarAnswer>> _inFlight = new();
    private long _hits;
    private long _misses;
    private long _shared;

    public CalendarAnswerCache(int sizeMiB) =>
        _cache = sizeMiB > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeMiB * 1024L * 1024L }) : null;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Misses answered by another request's computation of the same answer.</summary>
    public long Shared => Interlocked.Read(ref _shared);

    public byte[]? Find(AnswerKey key, string stamp)
    {
        if (_cache is not null && _cache.TryGetValue(key, out var found) && found is Kept kept && kept.Stamp == stamp)
        {
            Interlocked.Increment(ref _hits);
            return kept.Json;
        }

        Interlocked.Increment(ref _misses);
        return null;
    }

    public void Keep(AnswerKey key, string stamp, byte[] json) =>
        _cache?.Set(key, new Kept(stamp, json), new MemoryCacheEntryOptions
        {
            Size = json.Length + EntryOverhead + 2L * (key.Tenant.Length + key.Owner.Length + key.Caller.Length + key.Zone.Length + stamp.Length),
        });

    /// <summary>
    /// Runs <paramref name="compute"/> for this answer and stamp unless another request is computing it
    /// now, in which case that computation's answer is awaited instead. If that computation fails or is
    /// cancelled (its request went away), each waiting request computes the answer itself.
    /// </summary>
    public async Task<CalendarAnswer> ComputeOnceAsync(AnswerKey key, string stamp, Func<Task<CalendarAnswer>> compute, CancellationToken ct)
    {
        var id = (key, stamp);
        var mine = new TaskCompletionSource<CalendarAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _inFlight.GetOrAdd(id, mine.Task);
        if (flight != mine.Task)
        {
            try
            {
                var answer = await flight.WaitAsync(ct);
                Interlocked.Increment(ref _shared);
                return answer;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return await compute();
            }
        }

        try
        {
            var answer = await compute();
            mine.SetResult(answer);
            return answer;
        }
        catch
        {
            mine.SetCanceled(CancellationToken.None); // waiters compute for themselves; nothing is left unobserved
            throw;
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(id, mine.Task));
        }
    }

    public void Dispose() => _cache?.Dispose();

    private sealed record Kept(string Stamp, byte[] Json);
}

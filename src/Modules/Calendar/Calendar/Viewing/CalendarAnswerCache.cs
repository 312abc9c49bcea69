using Microsoft.Extensions.Caching.Memory;

namespace NavusoftSync.Calendar.Viewing;

internal enum AnswerShape
{
    Range,
    Day,
}

/// <summary>Which answer: everything it depends on besides the calendar's entries (whose version is the stamp).</summary>
internal readonly record struct AnswerKey(string Tenant, string Owner, AnswerShape Shape, DateOnly From, DateOnly To, string Zone);

/// <summary>
/// Serialized calendar answers, each kept with the stamp of the calendar it was computed under, in
/// a size-limited memory cache (least recently used answers go first). An answer is served only
/// when the calendar's stamp read for the request equals the one it was kept with: a stamp changes
/// in the same transaction as any entry of its calendar and never takes an earlier value again, so
/// a kept answer is never stale. The key holds the tenant and the calendar, so one tenant's answer
/// is never looked up for another's request. One answer per key: a newer stamp replaces it.
/// </summary>
internal sealed class CalendarAnswerCache : IDisposable
{
    public const string SizeSetting = "Calendar:AnswerCacheMiB";
    public const int DefaultMiB = 64;

    private const int EntryOverhead = 256;

    private readonly MemoryCache? _cache;
    private long _hits;
    private long _misses;

    public CalendarAnswerCache(int sizeMiB) =>
        _cache = sizeMiB > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeMiB * 1024L * 1024L }) : null;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

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
            Size = json.Length + EntryOverhead + 2L * (key.Tenant.Length + key.Owner.Length + key.Zone.Length + stamp.Length),
        });

    public void Dispose() => _cache?.Dispose();

    private sealed record Kept(string Stamp, byte[] Json);
}

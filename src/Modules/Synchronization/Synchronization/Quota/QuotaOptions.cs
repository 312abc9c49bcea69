using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Quota;

/// <summary>A provider's published per-mailbox limit: <see cref="Limit"/> units per rolling <see cref="WindowSeconds"/>.</summary>
internal sealed class QuotaLimit
{
    public int Limit { get; set; }

    public int WindowSeconds { get; set; }
}

/// <summary>
/// The per-mailbox quota budget, bound from <c>Sync:Quota</c>: on by default, with the providers' published limits (Gmail
/// 15,000 units per 60 s, Google Calendar 600 requests per 60 s, Graph 10,000 requests per 600 s per mailbox) and how long
/// a host may hold granted units before they lapse (<see cref="GrantHoldMilliseconds"/>, part of the headroom arithmetic
/// in <see cref="QuotaRate"/>).
/// </summary>
internal sealed class QuotaOptions
{
    public const string SectionName = "Sync:Quota";

    public bool Enabled { get; set; } = true;

    public int GrantHoldMilliseconds { get; set; } = 1000;

    public QuotaLimit Gmail { get; set; } = new() { Limit = 15_000, WindowSeconds = 60 };

    public QuotaLimit Calendar { get; set; } = new() { Limit = 600, WindowSeconds = 60 };

    public QuotaLimit Graph { get; set; } = new() { Limit = 10_000, WindowSeconds = 600 };

    public TimeSpan GrantHold => TimeSpan.FromMilliseconds(GrantHoldMilliseconds);

    /// <summary>The limit of an API (<see cref="ProviderQuotaCosts.Gmail"/>, …), null for one without a per-mailbox quota.</summary>
    public QuotaLimit? LimitOf(string api) => api switch
    {
        ProviderQuotaCosts.Gmail => Gmail,
        ProviderQuotaCosts.Calendar => Calendar,
        ProviderQuotaCosts.Graph => Graph,
        _ => null,
    };

    /// <summary>Every limit positive, the hold within 0–10 s, and each API's burst (after the hold) at least one unit.</summary>
    public bool IsValid() =>
        GrantHoldMilliseconds is >= 0 and <= 10_000
        && new[] { ProviderQuotaCosts.Gmail, ProviderQuotaCosts.Calendar, ProviderQuotaCosts.Graph }.All(api =>
            LimitOf(api) is { Limit: >= 1, WindowSeconds: >= 1 } limit && QuotaRate.Of(limit, GrantHold).Burst >= 1);
}

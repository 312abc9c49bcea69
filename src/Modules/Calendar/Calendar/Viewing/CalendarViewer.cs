using System.Security.Cryptography;
using System.Text;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// Who reads a calendar, and the tenant's visibility rules the answer is computed under. A user calendar is only ever
/// read by its own user, who holds every item on it (<c>full</c>); an account calendar's entry carries its holders and
/// private mark, so each item's level for the caller is decided without loading its view.
/// </summary>
internal sealed record CalendarViewer(string CallerId, VisibilityRules Rules)
{
    public string LevelOf(CalendarEntry entry) =>
        CalendarOwners.IsAccount(entry.Owner) ? Rules.For(CallerId, entry.Holders, entry.MarkedPrivate) : Visibility.Full;

    /// <summary>
    /// A short fingerprint of everything the rules decide (the tenant's level and each user's own, in ordinal order),
    /// kept in account answers' stamps and tags: any change of a level gives new answers and tags, and a privacy change
    /// that changes no level (a blocklist entry) keeps them. Taken from the levels themselves, so it does not depend on
    /// <see cref="VisibilityRules.Version"/> changing.
    /// </summary>
    public static string Fingerprint(VisibilityRules rules)
    {
        var text = new StringBuilder(rules.TenantLevel);
        foreach (var (user, level) in rules.UserLevels.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(user).Append('=').Append(level);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 8);
    }
}

namespace NavusoftSync.Synchronization.Contracts.Privacy;

/// <summary>
/// What a caller who does not hold an item may see of it (CONTRACT.md, Privacy): <c>full</c>, <c>subject</c> (no bodies),
/// <c>metadata</c> (no subject or bodies) or <c>private</c> (on account calendars only as "Private email"/"Private
/// appointment"). The levels are ordered from the loosest to the strictest.
/// </summary>
public static class Visibility
{
    public const string Full = "full";
    public const string Subject = "subject";
    public const string Metadata = "metadata";
    public const string Private = "private";

    /// <summary>The levels a tenant or a user may choose for others (<c>private</c> is per item).</summary>
    public static readonly IReadOnlyList<string> Settable = [Full, Subject, Metadata];

    public static bool IsSettable(string? level) => level is Full or Subject or Metadata;

    /// <summary>0 for <c>full</c> up to 3 for <c>private</c>; an unknown level counts as <c>metadata</c> (never looser than asked).</summary>
    public static int Rank(string level) => level switch
    {
        Full => 0,
        Subject => 1,
        Metadata => 2,
        Private => 3,
        _ => 2,
    };

    /// <summary>The stricter of two levels.</summary>
    public static string Stricter(string a, string b) => Rank(a) >= Rank(b) ? Known(a) : Known(b);

    /// <summary>Whether <paramref name="level"/> is at least as strict as <paramref name="than"/>.</summary>
    public static bool IsAtLeastAsStrict(string level, string than) => Rank(level) >= Rank(than);

    private static string Known(string level) => level is Full or Subject or Metadata or Private ? level : Metadata;
}

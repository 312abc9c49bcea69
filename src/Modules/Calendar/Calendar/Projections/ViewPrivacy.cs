namespace NavusoftSync.Calendar.Projections;

/// <summary>
/// Who erased an item's content, when and why: all a view keeps of an erased item. <c>Final</c>: an admin erased it and
/// it never comes back; otherwise a privacy rule took it off and newly recorded content brings it back.
/// </summary>
internal sealed record ViewErasure(string ErasedBy, string Reason, bool Final, DateTimeOffset At);

/// <summary>
/// The users who marked an item private, kept as a set in ordinal order (a rebuild stores the same bytes). The item is
/// private for others while any of its current holders has it marked (the last mark per user counts).
/// </summary>
internal static class ViewPrivateMarks
{
    public static IReadOnlyList<string> With(IReadOnlyList<string> marks, string userId, bool isPrivate) =>
        [.. marks.Where(m => m != userId).Concat(isPrivate ? [userId] : []).Order(StringComparer.Ordinal)];

    public static bool AnyHeld(IReadOnlyList<string> marks, IEnumerable<string> holdingUsers) =>
        marks.Count > 0 && holdingUsers.Any(u => marks.Contains(u, StringComparer.Ordinal));
}

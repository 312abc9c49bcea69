namespace NavusoftSync.Synchronization.Privacy.Marking;

/// <summary>The users who marked an item private: one user's last mark counts (marked again, nothing changes).</summary>
internal static class ItemMarks
{
    public static IReadOnlyList<string> Marked(IReadOnlyList<string>? markedBy, string userId, bool marked)
    {
        var users = markedBy ?? [];
        return marked
            ? users.Contains(userId, StringComparer.Ordinal) ? users : [.. users, userId]
            : [.. users.Where(u => !string.Equals(u, userId, StringComparison.Ordinal))];
    }
}

namespace NavusoftSync.Calendar.Projections;

/// <summary>What a calendar entry is of: an email thread or an appointment.</summary>
internal enum ItemKind
{
    Email,
    Appointment,
}

internal static class ItemKinds
{
    /// <summary>A kind as calendar entries store it and calendar answers send it (<c>kind</c> in CONTRACT.md).</summary>
    public static string Text(ItemKind kind) => kind switch
    {
        ItemKind.Email => "email",
        ItemKind.Appointment => "appointment",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

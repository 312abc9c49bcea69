using System.Text.Json.Serialization;

namespace NavusoftSync.Calendar.Projections;

/// <summary>
/// Whether an appointment takes place. Stored (Marten) and sent (answers) by these names, spelled
/// here so neither serializer's naming policy can change them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AppointmentStatus>))]
internal enum AppointmentStatus
{
    [JsonStringEnumMemberName("Scheduled")]
    Scheduled,

    [JsonStringEnumMemberName("Cancelled")]
    Cancelled,
}

internal static class AppointmentStatuses
{
    /// <summary>A status as calendar entries store it and calendar answers send it (<c>status</c> in CONTRACT.md).</summary>
    public static string Text(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Scheduled => "Scheduled",
        AppointmentStatus.Cancelled => "Cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

using System.Text.Json;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Tests.Recorded;

/// <summary>Events stored before the truncation and organizer flags existed still read, as not cut and not the organizer's.</summary>
public sealed class OldEventsTests
{
    private static readonly JsonSerializerOptions Marten = new(JsonSerializerDefaults.Web); // camelCase, as MartenSetup stores events

    [Fact]
    public void Events_without_the_new_flags_read_as_false()
    {
        var message = JsonSerializer.Deserialize<ThreadMessageRecorded>(
            """{"threadKey":"t","messageKey":"mid:a@x","subject":"s","from":null,"to":[],"cc":[],"sentAt":"2026-11-20T15:00:00+00:00","snippet":null,"bodyText":"b","at":"2026-11-20T15:00:00+00:00"}""", Marten)!;
        var scheduled = JsonSerializer.Deserialize<AppointmentScheduled>(
            """{"appointmentKey":"a","title":"t","start":{"instant":"2026-11-20T15:00:00+00:00"},"end":{"instant":"2026-11-20T16:00:00+00:00"},"isAllDay":false,"location":null,"organizer":null,"attendees":[],"description":"d","at":"2026-11-20T15:00:00+00:00"}""", Marten)!;
        var changed = JsonSerializer.Deserialize<AppointmentDetailsChanged>(
            """{"appointmentKey":"a","title":"t","location":null,"description":"d","at":"2026-11-20T15:00:00+00:00"}""", Marten)!;
        var held = JsonSerializer.Deserialize<AppointmentHeld>(
            """{"appointmentKey":"a","userId":"u","linkId":"l","at":"2026-11-20T15:00:00+00:00"}""", Marten)!;

        Assert.Equal("b", message.BodyText);
        Assert.False(message.BodyTruncated);
        Assert.False(scheduled.DescriptionTruncated);
        Assert.False(changed.DescriptionTruncated);
        Assert.False(held.IsOrganizer);
    }
}

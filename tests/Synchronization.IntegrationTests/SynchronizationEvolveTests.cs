using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// Thread and appointment streams have one evolve each: the state the recorders fold in memory
/// (<see cref="EmailThread.Fold"/>, <see cref="Appointment.Fold"/>) is the state Marten keeps as the inline snapshot,
/// fetches for writing and aggregates from the stored stream, for every thread and appointment event type the module
/// records (read from the store's event registrations, so a new event type needs a place in a history).
/// </summary>
public sealed class SynchronizationEvolveTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Tenant = "tenant-evolve";
    private static readonly DateTimeOffset At = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly Participant Dana = new("Dana", "dana@hauler.example");
    private static readonly Participant Pat = new("Pat", "pat@customer.example");

    private sealed record ThreadArchived(string ThreadKey);

    /// <summary>Every event type of a thread stream, each changing the state it is folded onto.</summary>
    private static object[] ThreadHistory(string id) =>
    [
        new ThreadMessageRecorded(id, "mid:b@hauler.example", "RE: Gate code", Pat, [Dana], [], At.AddHours(1), "Thanks", "Thanks, Pat", At),
        new ThreadMessageHeld(id, "mid:b@hauler.example", "user-dana", "link-dana", At),
        new ThreadMessageRecorded(id, "mid:a@hauler.example", "Gate code", Dana, [Pat], [], At, "It is", "It is 4521.", At, BodyTruncated: true),
        new ThreadMessageHeld(id, "mid:a@hauler.example", "user-eli", "link-eli", At),
        new ThreadAccountMatched(id, "acc-1", ["pat@customer.example"], At),
        new ThreadMessageReleased(id, "mid:b@hauler.example", "user-dana", "link-dana", At),
        new ThreadAccountMatched(id, "acc-2", ["pat@customer.example"], At),
        new ThreadAccountUnmatched(id, "acc-1", At),
        new ThreadMarkedPrivate(id, "user-eli", true, At),
        new ThreadErased(id, "admin-1", "blocklist", false, At),
        new ThreadMessageRecorded(id, "mid:c@hauler.example", "Gate code again", Dana, [Pat], [], At.AddHours(2), "Again", "Again 4521.", At, Bulk: true),
        new ThreadMessageHeld(id, "mid:c@hauler.example", "user-eli", "link-eli", At),
        new ThreadAccountMatched(id, "acc-2", ["pat@customer.example"], At),
        new ThreadMarkedPrivate(id, "user-eli", true, At),
    ];

    /// <summary>Every event type of an appointment stream, each changing the state it is folded onto.</summary>
    private static object[] AppointmentHistory(string id) =>
    [
        new AppointmentScheduled(id, "Yard walk", When.At(At), When.At(At.AddHours(1)), false, "Yard 3", Dana, [new Attendee("Pat", Pat.Address, "accepted")], "Bring boots", At),
        new AppointmentHeld(id, "user-dana", "link-dana", At),
        new AppointmentHeld(id, "user-dana", "link-dana", At, IsOrganizer: true),
        new AppointmentRescheduled(id, When.On(new DateOnly(2026, 11, 21)), When.On(new DateOnly(2026, 11, 22)), true, At),
        new AppointmentDetailsChanged(id, "Yard walk (all day)", "Yard 4", "Bring boots and a helmet", At, DescriptionTruncated: true),
        new AppointmentAttendeesChanged(id, Dana, [new Attendee(null, Pat.Address, "tentative")], At),
        new AppointmentCancelled(id, At),
        new AppointmentReinstated(id, At),
        new AppointmentHeld(id, "user-eli", "link-eli", At),
        new AppointmentReleased(id, "user-dana", "link-dana", At),
        new AppointmentAccountMatched(id, "acc-1", ["pat@customer.example"], At),
        new AppointmentAccountUnmatched(id, "acc-1", At),
        new AppointmentMarkedPrivate(id, "user-eli", true, At),
        new AppointmentErased(id, "admin-1", "internal", false, At),
        new AppointmentScheduled(id, "Yard walk again", When.At(At), When.At(At.AddHours(1)), false, null, Dana, [], null, At),
        new AppointmentHeld(id, "user-eli", "link-eli", At),
    ];

    private IDocumentStore Store => fixture.App.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public void The_histories_hold_every_thread_and_appointment_event_type_the_module_records()
    {
        var registered = ((EventGraph)((StoreOptions)Store.Options).Events).AllKnownEventTypes()
            .Where(e => e.EventTypeName.StartsWith("synchronization.thread_", StringComparison.Ordinal)
                || e.EventTypeName.StartsWith("synchronization.appointment_", StringComparison.Ordinal))
            .Select(e => e.EventType);

        Assert.Equal(
            registered.OrderBy(t => t.Name),
            ThreadHistory("t").Concat(AppointmentHistory("a")).Select(e => e.GetType()).Distinct().OrderBy(t => t.Name));
    }

    [Fact]
    public void Every_event_of_the_histories_changes_the_state_and_an_unknown_one_is_caught()
    {
        Assert.Empty(EvolveParity.Unchanged<EmailThread>(ThreadHistory("t"), EmailThread.Fold));
        Assert.Equal([typeof(ThreadArchived)], EvolveParity.Unchanged<EmailThread>([.. ThreadHistory("t"), new ThreadArchived("t")], EmailThread.Fold));
        Assert.Empty(EvolveParity.Unchanged<Appointment>(AppointmentHistory("a"), Appointment.Fold));
        Assert.Equal([typeof(ThreadArchived)], EvolveParity.Unchanged<Appointment>([.. AppointmentHistory("a"), new ThreadArchived("a")], Appointment.Fold));
    }

    [Fact]
    public async Task Marten_keeps_fetches_and_aggregates_the_thread_the_evolve_folds()
    {
        var id = $"thread-{Guid.NewGuid():N}";
        var folded = await EvolveParity.AssertMartenFoldsAsync<EmailThread>(Store, Tenant, id, ThreadHistory(id), EmailThread.Fold);
        Assert.Contains("acc-2", folded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_erasure_leaves_a_tombstone_that_nothing_changes_and_Marten_keeps_it()
    {
        var thread = $"thread-{Guid.NewGuid():N}";
        var threadHistory = ThreadHistory(thread).Append(new ThreadErased(thread, "admin-1", "asked by the customer", true, At)).ToList();
        var tombstone = threadHistory.Aggregate((EmailThread?)null, EmailThread.Fold)!;
        Assert.True(tombstone.Erased);
        Assert.Same(tombstone, EmailThread.Fold(tombstone, ThreadHistory(thread)[0]));
        Assert.True(EmailThread.Fold(null, new ThreadErased(thread, "admin-1", "after a rule's erasure", true, At)) is { Erased: true, Messages.Count: 0 });
        var folded = await EvolveParity.AssertMartenFoldsAsync<EmailThread>(Store, Tenant, thread, threadHistory, EmailThread.Fold);
        Assert.DoesNotContain("Gate code", folded, StringComparison.Ordinal);
        Assert.DoesNotContain("pat@customer.example", folded, StringComparison.Ordinal);

        var appointment = $"appt-{Guid.NewGuid():N}";
        var appointmentHistory = AppointmentHistory(appointment).Append(new AppointmentErased(appointment, "admin-1", "asked by the customer", true, At)).ToList();
        var erased = appointmentHistory.Aggregate((Appointment?)null, Appointment.Fold)!;
        Assert.True(erased.Erased);
        Assert.Same(erased, Appointment.Fold(erased, AppointmentHistory(appointment)[0]));
        Assert.True(Appointment.Fold(null, new AppointmentErased(appointment, "admin-1", "after a rule's erasure", true, At)) is { Erased: true, Holders.Count: 0 });
        folded = await EvolveParity.AssertMartenFoldsAsync<Appointment>(Store, Tenant, appointment, appointmentHistory, Appointment.Fold);
        Assert.DoesNotContain("Yard walk", folded, StringComparison.Ordinal);
        Assert.DoesNotContain("dana@hauler.example", folded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marten_keeps_fetches_and_aggregates_the_appointment_the_evolve_folds()
    {
        var id = $"appt-{Guid.NewGuid():N}";
        var folded = await EvolveParity.AssertMartenFoldsAsync<Appointment>(Store, Tenant, id, AppointmentHistory(id), Appointment.Fold);
        Assert.Contains("user-eli", folded, StringComparison.Ordinal);
    }
}

using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Integration;
using FluentValidation;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contacts;
using NavusoftSync.Synchronization.Integration;
using NavusoftSync.Synchronization.Jobs;
using NavusoftSync.Synchronization.Links;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Privacy.Erasure;
using NavusoftSync.Synchronization.Privacy.Review;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Push.Idle;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Runs.Checks;
using NavusoftSync.Synchronization.Runs.Checks.Health;
using NavusoftSync.Synchronization.Runs.Listing;
using NavusoftSync.Synchronization.Runs.Progress;
using NavusoftSync.Synchronization.Runs.Rounds;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization;

/// <summary>The module's single entry point, called by the Host.</summary>
public static class SynchronizationModule
{
    public const string Schema = "synchronization";

    public static IServiceCollection AddSynchronizationModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName))
            .Validate(o => o.IsValid(), "Sync:FirstSyncPlan must be auto, scan or planned.").ValidateOnStart();
        services.AddOptions<CheckOptions>().Bind(configuration.GetSection(CheckOptions.SectionName));
        services.ConfigureMarten(ConfigureMarten);
        services.AddProviderReaders(configuration);
        services.AddPush(configuration);
        services.AddImapIdle(configuration);
        services.AddScoped<ThreadRecorder>();
        services.AddScoped<AppointmentRecorder>();
        services.AddScoped<ContactChangeRecorder>();
        services.AddScoped<LinkRelease>();
        services.AddScoped<ItemEraser>();
        services.AddScoped<PrivacyReview>();
        services.AddScoped<PrivacyLookback>();
        services.AddScoped<PageLoop>();
        services.AddScoped<RunRounds>();
        services.AddScoped<CompletenessCheck>();
        services.AddScoped<SyncRun>();
        services.AddSingleton<SyncRuns>();
        services.AddSingleton<SyncScheduler>();
        services.AddSingleton<RunWatchdog>();
        services.AddHostedService<RunWatchdogSchedule>();
        services.AddValidatorsFromAssembly(typeof(SynchronizationModule).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true); // stateless, no dependencies: built once, not per request
        services.AddIntegrationEventPublisher<SynchronizationPublisher>(SynchronizationPublisher.SubscriptionName, SynchronizationPublisher.PublishedFrom);
        services.AddIntegrationEventHandlers(typeof(SynchronizationModule).Assembly);
        return services;
    }

    private static void ConfigureMarten(StoreOptions options)
    {
        options.Events.MapEventType<ThreadMessageRecorded>("synchronization.thread_message_recorded");
        options.Events.MapEventType<ThreadMessageHeld>("synchronization.thread_message_held");
        options.Events.MapEventType<ThreadMessageReleased>("synchronization.thread_message_released");
        options.Events.MapEventType<ThreadAccountMatched>("synchronization.thread_account_matched");
        options.Events.MapEventType<ThreadAccountUnmatched>("synchronization.thread_account_unmatched");
        options.Events.MapEventType<AppointmentScheduled>("synchronization.appointment_scheduled");
        options.Events.MapEventType<AppointmentRescheduled>("synchronization.appointment_rescheduled");
        options.Events.MapEventType<AppointmentDetailsChanged>("synchronization.appointment_details_changed");
        options.Events.MapEventType<AppointmentAttendeesChanged>("synchronization.appointment_attendees_changed");
        options.Events.MapEventType<AppointmentCancelled>("synchronization.appointment_cancelled");
        options.Events.MapEventType<AppointmentReinstated>("synchronization.appointment_reinstated");
        options.Events.MapEventType<AppointmentHeld>("synchronization.appointment_held");
        options.Events.MapEventType<AppointmentReleased>("synchronization.appointment_released");
        options.Events.MapEventType<AppointmentAccountMatched>("synchronization.appointment_account_matched");
        options.Events.MapEventType<AppointmentAccountUnmatched>("synchronization.appointment_account_unmatched");
        options.Events.MapEventType<ThreadMarkedPrivate>("synchronization.thread_marked_private");
        options.Events.MapEventType<ThreadErased>("synchronization.thread_erased");
        options.Events.MapEventType<AppointmentMarkedPrivate>("synchronization.appointment_marked_private");
        options.Events.MapEventType<AppointmentErased>("synchronization.appointment_erased");
        options.Events.MapEventType<PrivacyPolicySet>("synchronization.privacy_policy_set");
        options.Events.MapEventType<UserPrivacySet>("synchronization.user_privacy_set");
        options.Events.MapEventType<SyncRunStarted>("synchronization.sync_run_started");
        options.Events.MapEventType<SyncRunCompleted>("synchronization.sync_run_completed");
        options.Events.MapEventType<SyncRunFailed>("synchronization.sync_run_failed");
        options.Events.MapEventType<LinkCompletenessChecked>("synchronization.link_completeness_checked");
        ContentMasking.Register(options.Events);

        options.Projections.Add(new EmailThreadProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<EmailThread>().DatabaseSchemaName(Schema).DocumentAlias("email_thread");
        options.Projections.Add(new AppointmentProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Appointment>().DatabaseSchemaName(Schema).DocumentAlias("appointment");
        options.Schema.For<ThreadIndexEntry>().DatabaseSchemaName(Schema).DocumentAlias("thread_index");
        options.Schema.For<MailboxMessageEntry>().DatabaseSchemaName(Schema).DocumentAlias("mailbox_message");
        options.Schema.For<CalendarOccurrenceEntry>().DatabaseSchemaName(Schema).DocumentAlias("calendar_entry");
        options.Schema.For<ParticipantEntry>().DatabaseSchemaName(Schema).DocumentAlias("participant").Duplicate(p => p.Address);
        options.Schema.For<LookbackRequest>().DatabaseSchemaName(Schema).DocumentAlias("lookback_request").Duplicate(r => r.LinkId);
        options.Schema.For<SyncCursors>().DatabaseSchemaName(Schema).DocumentAlias("sync_cursors");
        options.Schema.For<SyncedLink>().DatabaseSchemaName(Schema).DocumentAlias("synced_link");
        options.Projections.Add(new LinkRunHistoryProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<LinkRunHistory>().DatabaseSchemaName(Schema).DocumentAlias("link_run_history");
        options.Projections.Add(new LinkCompletenessProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<LinkCompleteness>().DatabaseSchemaName(Schema).DocumentAlias("link_completeness");
        options.Projections.Add(new LinkRunHealthProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<LinkRunHealth>().DatabaseSchemaName(Schema).DocumentAlias("link_run_health");
        options.Schema.For<LinkRunProgress>().DatabaseSchemaName(Schema).DocumentAlias("link_run_progress");
        options.Projections.Add(new PrivacyStateProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<PrivacyState>().DatabaseSchemaName(Schema).DocumentAlias("privacy_state");
        PushSetup.ConfigureMarten(options);
    }
}

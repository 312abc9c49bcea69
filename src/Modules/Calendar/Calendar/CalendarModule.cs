using FluentValidation;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Calendar.Contracts;
using NavusoftSync.Calendar.Projections;

namespace NavusoftSync.Calendar;

/// <summary>The module's single entry point, called by the Host.</summary>
public static class CalendarModule
{
    public const string Schema = "calendar";

    public static IServiceCollection AddCalendarModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatorsFromAssembly(typeof(CalendarModule).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true); // stateless, no dependencies: built once, not per request
        services.ConfigureMarten(ConfigureMarten);
        services.AddScoped<Viewing.CalendarReader>();
        services.AddScoped<Viewing.CalendarAnswering>();
        services.AddSingleton(provider => new Viewing.CalendarAnswerCache(
            provider.GetRequiredService<IConfiguration>().GetValue(Viewing.CalendarAnswerCache.SizeSetting, Viewing.CalendarAnswerCache.DefaultMiB)));
        return services;
    }

    private static void ConfigureMarten(StoreOptions options)
    {
        options.Schema.For<EmailThreadView>().DatabaseSchemaName(Schema).DocumentAlias("email_thread");
        options.Schema.For<AppointmentView>().DatabaseSchemaName(Schema).DocumentAlias("appointment");
        options.Schema.For<CalendarEntry>().DatabaseSchemaName(Schema).DocumentAlias("entry");
        options.Schema.For<CalendarStamp>().DatabaseSchemaName(Schema).DocumentAlias("stamp");

        // A calendar read is one range scan of (tenant_id, owner, start_key) (ADR 0012). Marten's
        // Duplicate(…) adds a one-column index per duplicated column whose columns its configure
        // callback cannot change (DocumentIndex.Columns has a no-op setter); so the two columns are
        // duplicated without an index and the one index is declared with its exact columns.
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType == typeof(CalendarEntry))
            {
                var owner = mapping.DuplicateField(nameof(CalendarEntry.Owner));
                var start = mapping.DuplicateField(nameof(CalendarEntry.StartKey));
                mapping.AddIndex("tenant_id", owner.ColumnName, start.ColumnName);
            }
        });

        // Async: run by the daemon (HotCold in production, so one host at a time projects for all);
        // a rebuild tears the four document types down first and replays every event.
        options.Projections.Add(new CalendarProjection(), ProjectionLifecycle.Async, CalendarProjectionNames.Calendar, async =>
        {
            async.BatchSize = 1000;
            async.DeleteViewTypeOnTeardown<EmailThreadView>();
            async.DeleteViewTypeOnTeardown<AppointmentView>();
            async.DeleteViewTypeOnTeardown<CalendarEntry>();
            async.DeleteViewTypeOnTeardown<CalendarStamp>();
        });
    }
}

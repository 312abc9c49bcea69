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
        services.AddValidatorsFromAssembly(typeof(CalendarModule).Assembly, includeInternalTypes: true);
        services.ConfigureMarten(ConfigureMarten);
        services.AddScoped<Viewing.CalendarReader>();
        return services;
    }

    private static void ConfigureMarten(StoreOptions options)
    {
        options.Schema.For<EmailThreadView>().DatabaseSchemaName(Schema).DocumentAlias("email_thread");
        options.Schema.For<AppointmentView>().DatabaseSchemaName(Schema).DocumentAlias("appointment");
        options.Schema.For<CalendarEntry>().DatabaseSchemaName(Schema).DocumentAlias("entry")
            .StartIndexesByTenantId()
            .Duplicate(e => e.StartAt!)
            .Duplicate(e => e.StartDay!, configure: index => index.Columns = ["owner", "start_day"])
            .Duplicate(e => e.Owner, configure: index => index.Columns = ["owner", "start_at"]);

        // Async: run by the daemon (HotCold in production, so one host at a time projects for all);
        // a rebuild tears the three document types down first and replays every event.
        options.Projections.Add(new CalendarProjection(), ProjectionLifecycle.Async, CalendarProjectionNames.Calendar, async =>
        {
            async.BatchSize = 1000;
            async.DeleteViewTypeOnTeardown<EmailThreadView>();
            async.DeleteViewTypeOnTeardown<AppointmentView>();
            async.DeleteViewTypeOnTeardown<CalendarEntry>();
        });
    }
}

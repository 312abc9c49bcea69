using Carter;
using Mediator;
using NavusoftSync.BuildingBlocks;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.BuildingBlocks.Errors;
using NavusoftSync.BuildingBlocks.Mediation;
using NavusoftSync.Calendar;
using NavusoftSync.ContactDirectory;
using NavusoftSync.Host.Dev;
using NavusoftSync.Host.Health;
using NavusoftSync.Host.Scheduling;
using NavusoftSync.Host.Security;
using NavusoftSync.Host.Telemetry;
using NavusoftSync.Linking;
using NavusoftSync.Synchronization;

namespace NavusoftSync.Host.Composition;

/// <summary>
/// The only composition root: building blocks, each module through its single entry point, the
/// mediator (source-generated over every referenced module), Carter, Quartz, health, telemetry and OpenAPI.
/// </summary>
internal static class HostComposition
{
    /// <summary>Every module's implementation assembly; Carter scans exactly these.</summary>
    private static readonly System.Reflection.Assembly[] ModuleAssemblies =
    [
        typeof(ContactDirectoryModule).Assembly,
        typeof(LinkingModule).Assembly,
        typeof(SynchronizationModule).Assembly,
        typeof(CalendarModule).Assembly,
    ];

    public static WebApplicationBuilder AddNavusoftSync(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        ConfigureLogging(builder);

        services.AddBuildingBlocks(configuration, builder.Environment.IsDevelopment());
        services.AddSingleton(HostVersion.Of(typeof(Program).Assembly));
        services.AddContactDirectoryModule(configuration);
        services.AddLinkingModule(configuration);
        services.AddSynchronizationModule(configuration);
        services.AddCalendarModule(configuration);

        services.AddMediator((MediatorOptions options) =>
        {
            options.Namespace = "NavusoftSync.Host.Mediation";
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(UnitOfWorkBehavior<,>),
            ];
        });

        services.AddCarter(new DependencyContextAssemblyCatalog([.. ModuleAssemblies, typeof(BuildingBlocksSetup).Assembly, typeof(Program).Assembly]), c => c.WithEmptyValidators());
        services.AddNavusoftScheduling(configuration);
        services.AddNavusoftHealthChecks();
        services.AddNavusoftTelemetry(configuration);
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseNavusoftSync(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseNavusoftProblemDetails();

        // The reference UI (wwwroot/app, see README "Reference UI"): static files under /app, revalidated on each load.
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache" });

        app.UseAuthentication();
        app.UseAuthorization();
        // The OpenAPI document describes every route: anonymous in Development only.
        var openApi = app.MapOpenApi();
        if (!app.Environment.IsDevelopment())
        {
            openApi.RequireAuthorization();
        }

        app.MapNavusoftHealthChecks();
        app.MapNavusoftMetrics();
        if (app.Environment.IsDevelopment())
        {
            app.MapDevTokenEndpoint();
        }

        app.MapCarter();
        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
    }
}

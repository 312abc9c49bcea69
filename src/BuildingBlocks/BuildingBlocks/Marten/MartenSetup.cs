using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Integration;
using Weasel.Core;

namespace NavusoftSync.BuildingBlocks.Marten;

public static class MartenSetup
{
    public const string EventsSchema = "events";
    public const string DocumentsSchema = "navusoft";

    /// <summary>
    /// The one Marten store: string stream keys, conjoined tenancy on every stream and document,
    /// event metadata (correlation, causation, user, headers), schema migrated at start, and the
    /// async daemon (HotCold by default, so several hosts share projections and subscriptions).
    /// Modules add their own types through <see cref="IConfigureMarten"/>.
    /// </summary>
    public static IServiceCollection AddNavusoftMarten(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = TunedConnectionString(configuration);
        var daemonMode = configuration.GetValue("Marten:DaemonMode", DaemonMode.HotCold);

        services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.DatabaseSchemaName = DocumentsSchema;
                options.Events.DatabaseSchemaName = EventsSchema;
                options.Events.StreamIdentity = StreamIdentity.AsString;
                options.Events.TenancyStyle = TenancyStyle.Conjoined;
                // Marten 9 keeps every aggregate fetched for writing, and every snapshot an inline projection
                // stores, in the session's identity map until the session ends. A sync run commits page
                // after page through one session, so that map grew with the mailbox (ADR 0013).
                options.Events.UseIdentityMapForAggregates = false;
                options.Policies.AllDocumentsAreMultiTenanted();
                options.Events.MetadataConfig.EnableAll();
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.Schema.For<InboxRecord>().DatabaseSchemaName("integration");
            })
            .BuildSessionsWith<TenantSessionFactory>(ServiceLifetime.Scoped)
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(daemonMode);
        return services;
    }

    /// <summary>
    /// Npgsql settings for a store that sends the same few statements all day: automatic statement
    /// preparation (PostgreSQL parses and plans each once per connection) and no DISCARD ALL when a
    /// connection returns to the pool (which would drop those prepared statements). Values given in
    /// the configured connection string win.
    /// </summary>
    /// <summary><c>ConnectionStrings:Postgres</c>, <see cref="Tuned"/>: the store's, and that of any pool of its own a module keeps beside it.</summary>
    public static string TunedConnectionString(IConfiguration configuration) =>
        Tuned(configuration.GetConnectionString("Postgres") ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."));

    internal static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}

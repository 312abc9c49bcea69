using FluentValidation;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Accounts.Searching;
using NavusoftSync.ContactDirectory.Integration;
using NpgsqlTypes;
using Marten.Schema;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace NavusoftSync.ContactDirectory;

/// <summary>The module's single entry point, called by the Host.</summary>
public static class ContactDirectoryModule
{
    public const string Schema = "contact_directory";

    public static IServiceCollection AddContactDirectoryModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatorsFromAssembly(typeof(ContactDirectoryModule).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true); // stateless, no dependencies: built once, not per request
        services.ConfigureMarten(ConfigureMarten);
        services.AddIntegrationEventPublisher<ContactDirectoryPublisher>(ContactDirectoryPublisher.SubscriptionName, ContactDirectoryPublisher.PublishedFrom);
        services.AddIntegrationEventHandlers(typeof(ContactDirectoryModule).Assembly);
        services.AddOptions<AccountSearchOptions>()
            .Bind(configuration.GetSection(AccountSearchOptions.SectionName))
            .Validate(o => o.IsValid(), "Search:MaxConnections must be from 1 to 1000.")
            .ValidateOnStart();
        services.AddSingleton<AccountSearchDatabase>(); // the search's own few connections, started with its settings
        services.AddHostedService<AccountSearchWordsBackfill>(); // after the building blocks' schema migration, which is registered first
        return services;
    }

    private static void ConfigureMarten(StoreOptions options)
    {
        options.Events.MapEventType<AccountRegistered>("contact_directory.account_registered");
        options.Events.MapEventType<AccountRenamed>("contact_directory.account_renamed");
        options.Events.MapEventType<ContactAdded>("contact_directory.contact_added");
        options.Events.MapEventType<ContactRenamed>("contact_directory.contact_renamed");
        options.Events.MapEventType<ContactEmailChanged>("contact_directory.contact_email_changed");
        options.Events.MapEventType<ContactRemoved>("contact_directory.contact_removed");

        // The snapshot is also the email index: its contacts' addresses are a text[] column with a
        // GIN index, so an upsert writes its events and this one row (ADR 0009). No pending list
        // (fastupdate): every lookup would scan the not yet merged entries.
        options.Projections.Add(new AccountProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Account>().DatabaseSchemaName(Schema).DocumentAlias("account")
            .Duplicate(a => a.Emails, pgType: "text[]", dbType: NpgsqlDbType.Array | NpgsqlDbType.Text, configure: index =>
            {
                index.Method = IndexMethod.gin;
                index.StorageParameters["fastupdate"] = "off";
            })
            .Duplicate(a => a.SearchNameOrdered, pgType: "text", dbType: NpgsqlDbType.Text, configure: NameOrderIndex)
            .Duplicate(a => a.SearchNameWords, pgType: "text[]", dbType: NpgsqlDbType.Array | NpgsqlDbType.Text, configure: LexemeIndex)
            .Duplicate(a => a.SearchAddressTokens, pgType: "text[]", dbType: NpgsqlDbType.Array | NpgsqlDbType.Text, configure: LexemeIndex)
            .IndexTenantId(index => // only the rows without their name words, so the start-up fill finds them without reading the table
            {
                index.Name = AccountSearchWords.MissingIndexName;
                index.Predicate = AccountSearchWords.Missing;
            });

        // The typo match's word dictionary, written inline with the account (README: Account search).
        options.Projections.Add(new AccountSearchWordsProjection(), ProjectionLifecycle.Inline);

        // The dictionary's trigram index needs pg_trgm (PostgreSQL contrib, a trusted extension): the schema migration
        // creates it like every other object (README: Account search).
        options.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
        options.Storage.ExtendedSchemaObjects.Add(AccountSearchWords.Definition());
        options.Storage.ExtendedSchemaObjects.Add(AccountSearchEntries.Definition());
    }

    /// <summary>
    /// The tenant's names in byte order: the page order of "starts with", so a page is the first rows of one index range read in
    /// order with a limit, whatever the plan's estimates (ties of one name are put in id order by an incremental sort of only
    /// that name's rows). Not (tenant, name, id): Weasel reads back an index with two collations wrong and would rebuild it at
    /// every start.
    /// </summary>
    private static void NameOrderIndex(DocumentIndex index) => index.Mask = "tenant_id, ? collate \"C\"";

    /// <summary>A GIN index over <c>array_to_tsvector</c> of a <c>text[]</c> column: each element one lexeme, matched exactly or by prefix.</summary>
    private static void LexemeIndex(DocumentIndex index)
    {
        index.Method = IndexMethod.gin;
        index.Mask = "array_to_tsvector(?)";
        index.StorageParameters["fastupdate"] = "off";
    }
}

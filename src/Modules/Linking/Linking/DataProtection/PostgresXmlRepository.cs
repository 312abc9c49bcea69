using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace NavusoftSync.Linking.DataProtection;

/// <summary>
/// The Data Protection key ring in PostgreSQL (table <c>linking.data_protection_keys</c>, created by
/// Marten's migration at start), so every host instance reads the same keys and a restart loses
/// nothing. Keys are only ever inserted: there is no delete (an old key is what decrypts old
/// credentials; Data Protection merely stops encrypting with it once it expires). The XML stored
/// is already encrypted by <see cref="AesGcmXmlEncryptor"/>. <see cref="IXmlRepository"/> is
/// synchronous and Marten 9 has no synchronous API, hence plain Npgsql on Marten's connection.
/// </summary>
internal sealed class PostgresXmlRepository(IDocumentStore store) : IXmlRepository
{
    public const string Schema = LinkingModule.Schema;
    public const string TableName = "data_protection_keys";

    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(Schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("friendly_name", "text").AsPrimaryKey();
        table.AddColumn("xml", "text").NotNull();
        table.AddColumn("created_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        return table;
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var command = new NpgsqlCommand($"select xml from {Schema}.{TableName} order by created_at, friendly_name", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrWhiteSpace(friendlyName);
        using var connection = Open();
        using var command = new NpgsqlCommand($"insert into {Schema}.{TableName} (friendly_name, xml) values (@name, @xml)", connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private NpgsqlConnection Open()
    {
        var connection = store.Storage.Database.CreateConnection();
        connection.Open();
        return connection;
    }
}

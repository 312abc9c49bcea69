using System.Diagnostics;
using System.Text;
using Npgsql;

namespace NavusoftSync.Linking.IntegrationTests.Infrastructure;

/// <summary>
/// The whole database as text: every row of every table of every schema (events, documents, the
/// key ring, checkpoints, …) read as PostgreSQL's text form, plus <c>pg_dump</c>'s output when the
/// tool is installed.
/// </summary>
internal static class DatabaseDump
{
    public static async Task<string> TextAsync(string connectionString)
    {
        var dump = new StringBuilder();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
            "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains(tables, t => t.EndsWith(".mt_events", StringComparison.Ordinal)); // the dump does see the event store
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"select t::text from {table} t", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dump.Append(table).Append(": ").AppendLine(reader.GetString(0));
            }
        }

        dump.AppendLine(await PgDumpAsync(connectionString));
        return dump.ToString();
    }

    private static async Task<string> PgDumpAsync(string connectionString)
    {
        var tool = FindPgDump();
        if (tool is null)
        {
            return string.Empty;
        }

        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool, ["--no-owner", "-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username!, cs.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!string.IsNullOrEmpty(cs.Password))
        {
            start.Environment["PGPASSWORD"] = cs.Password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await errors}");
        return await output;
    }

    private static string? FindPgDump()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : [])
            .Select(d => Path.Combine(d, "pg_dump"));
        return candidates.FirstOrDefault(File.Exists);
    }
}

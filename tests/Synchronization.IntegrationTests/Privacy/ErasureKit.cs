using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Testing;
using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests.Privacy;

/// <summary>What the erasure, private-mark and policy-change tests share: the database dump, setting a tenant policy.</summary>
internal static class ErasureKit
{
    /// <summary>
    /// The whole test database as <c>pg_dump</c> writes it (schema and data, every schema):
    /// the binary of the PostgreSQL the tests run on (scripts/pg.sh looks in the same places), over the same TCP login.
    /// </summary>
    public static async Task<string> PgDumpAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PgDumpBinary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-h", target.Host!, "-p", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", target.Username!, "-d", target.Database!, "--no-owner" })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(target.Password))
        {
            start.Environment["PGPASSWORD"] = target.Password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await errors}");
        var dump = await output;
        Assert.Contains("COPY events.mt_events", dump, StringComparison.Ordinal);
        return dump;
    }

    private static string PgDumpBinary()
    {
        var candidates = new[] { "/usr/lib/postgresql/15/bin" }
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : [])
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator));
        return candidates.Select(d => Path.Combine(d, "pg_dump")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("pg_dump not found (install postgresql-15 client binaries).");
    }

    /// <summary>
    /// An admin sets the tenant's privacy policy (<c>PUT /api/admin/privacy</c>: a <see cref="PrivacyPolicySet"/> on the
    /// tenant's privacy stream, by the admin's <c>sub</c>); the review runs when the module's publisher delivers it.
    /// </summary>
    public static async Task SetPolicyAsync(SyncWorld world, PrivacyPolicy policy, string changedBy = "admin-privacy")
    {
        var admin = world.App.ClientFor(Tokens.Admin(world.Tenant, changedBy));
        var answer = await admin.PutAsJsonAsync("/api/admin/privacy", new
        {
            blocklist = policy.Blocklist,
            internalDomains = policy.InternalDomains,
            excludeInternal = policy.ExcludeInternal,
            excludeBulk = policy.ExcludeBulk,
            accountVisibility = policy.AccountVisibility,
            reason = "test policy",
        });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    public static PrivacyPolicy Blocking(params string[] entries) => PrivacyPolicy.Default with { Blocklist = entries };

    /// <summary>A second account, ACC-2 (Vendor Co), whose contact is Lee at vendor.example.</summary>
    public static async Task SeedVendorAsync(SyncWorld world)
    {
        var admin = world.App.ClientFor(Tokens.Admin(world.Tenant));
        var account = await admin.PutAsJsonAsync(
            "/api/accounts/ACC-2", new { name = "Vendor Co", contacts = new[] { new { contactId = "c2", name = "Lee", email = "lee@vendor.example" } } });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
    }

    /// <summary>A unique marker for one test's text, so a dump grep finds this test's content and nothing else.</summary>
    public static string Marker(string what) => $"{what}{Guid.NewGuid():N}";
}

using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Npgsql;

namespace NavusoftSync.Linking.IntegrationTests;

public sealed class SecretsHost : LinkingHost;

/// <summary>
/// Tokens are never in events, logs or answers; they are stored encrypted under a key ring that
/// lives (itself encrypted) in PostgreSQL, so another instance, or the same one after a restart,
/// reads them, and one without the key encryption key does not.
/// </summary>
public sealed class SecretsAtRestTests(SecretsHost host) : IClassFixture<SecretsHost>
{
    [Fact]
    public async Task No_token_is_anywhere_in_the_database_the_logs_or_the_answers()
    {
        var answers = new List<string>();
        var user = host.UserClient(LinkingHost.NewUser());
        foreach (var provider in new[] { SandboxProvider.Microsoft, SandboxProvider.Google })
        {
            var mailbox = await host.AddMailboxAsync(provider);
            var id = provider == SandboxProvider.Google ? "google" : "microsoft";
            var started = await user.PostAsync("/api/me/links", System.Net.Http.Json.JsonContent.Create(new { provider = id, loginHint = mailbox }));
            answers.Add(await started.Content.ReadAsStringAsync());
            var callback = await host.ConsentAsync((await started.OkJsonAsync()).Str("authorizationUrl"));
            var linked = await user.GetAsync(callback);
            answers.Add(await linked.Content.ReadAsStringAsync());
            var linkId = (await linked.OkJsonAsync()).Str("linkId");

            // A refresh too (Microsoft's rotates the refresh token), then a sync request.
            var token = await host.AccessTokenAsync(linkId);
            Assert.Equal(AccessTokenOutcome.Granted, (await host.AccessTokenAsync(linkId, rejected: token.AccessToken)).Outcome);
            answers.Add(await (await user.PostAsync($"/api/me/links/{linkId}/sync", null)).Content.ReadAsStringAsync());
        }

        answers.Add(await (await user.GetAsync("/api/me/links")).Content.ReadAsStringAsync());
        await host.WaitForPublishedEventsAsync();

        var tokens = host.Traffic.All;
        Assert.True(host.Traffic.Of("access_token").Count >= 4 && host.Traffic.Of("refresh_token").Count >= 3 && host.Traffic.Of("id_token").Count >= 1, string.Join(", ", tokens.Select(t => t.Length)));
        var dump = await DatabaseDump.TextAsync(host.ConnectionString);
        Assert.Contains("linking.linked", dump, StringComparison.Ordinal);
        Assert.Contains("link_credentials", dump, StringComparison.Ordinal);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(answers, a => a.Contains(token, StringComparison.Ordinal));
        }

        Assert.NotEmpty(host.Logs.Lines); // the logs were captured, at Debug
    }

    [Fact]
    public async Task The_key_ring_is_in_postgresql_encrypted_and_another_instance_or_a_restart_reads_the_credentials()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var linkId = (await host.LinkAsync(host.UserClient(LinkingHost.NewUser()), "microsoft", mailbox)).Str("linkId");
        var token = await host.AccessTokenAsync(linkId);

        var keys = await KeyRingAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("aesGcmEncryptedKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        var another = host.StartHost(new Dictionary<string, string?> { ["Marten:DaemonMode"] = "Disabled" }); // a fresh process: nothing in memory
        var again = await host.AccessTokenAsync(linkId, host: another);
        Assert.Equal((AccessTokenOutcome.Granted, token.AccessToken), (again.Outcome, again.AccessToken));

        Assert.Equal(1, await host.TokenCallsAsync(mailbox)); // decrypted, not refreshed
        Assert.Equal(keys.Count, (await KeyRingAsync()).Count); // and no new key was needed
    }

    [Fact]
    public async Task An_instance_with_another_key_encryption_key_cannot_read_the_credentials()
    {
        var database = await PostgresServer.CreateDatabaseAsync("link");
        try
        {
            await using (var first = new NavusoftApp(database))
            {
                await using var scope = first.Services.CreateAsyncScope();
                var protector = scope.ServiceProvider.GetRequiredService<Credentials.SecretProtector>();
                var stored = protector.ProtectTokens(new Credentials.TokenSet("access", "refresh"), "t1", "lnk_1");
                await using var other = new NavusoftApp(database, new Dictionary<string, string?>
                {
                    ["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    ["Marten:DaemonMode"] = "Disabled",
                });
                var otherProtector = other.Services.GetRequiredService<Credentials.SecretProtector>();

                Assert.ThrowsAny<CryptographicException>(() => otherProtector.UnprotectTokens(stored, "t1", "lnk_1"));
                Assert.Equal("refresh", protector.UnprotectTokens(stored, "t1", "lnk_1").RefreshToken);
                Assert.ThrowsAny<CryptographicException>(() => protector.UnprotectTokens(stored, "t2", "lnk_1")); // bound to its tenant
                Assert.ThrowsAny<CryptographicException>(() => protector.UnprotectTokens(stored, "t1", "lnk_2")); // and to its link
            }
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Outside_development_the_host_does_not_start_without_a_key_encryption_key()
    {
        await using var app = new NavusoftApp(host.ConnectionString, new Dictionary<string, string?> { ["DataProtection:KeyEncryptionKey"] = "" }, environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("DataProtection:KeyEncryptionKey is required outside Development", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> KeyRingAsync()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select xml from linking.data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}

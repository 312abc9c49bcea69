using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Testing;

namespace NavusoftSync.Audit.IntegrationTests;

/// <summary>
/// The built host run as a process with Marten's command line (what
/// <c>dotnet run --project src/Host -- projections …</c> runs), against a database of the test's.
/// </summary>
public sealed class CommandLineTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Projections_list_and_rebuild_run_from_the_command_line_and_leave_the_data_as_it_was()
    {
        var admin = fixture.ClientFor(Tokens.Admin("t-cli"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-CLI", new { name = "Cli Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@cli.example" } } })).StatusCode);
        var before = await admin.GetStringAsync("/api/accounts/ACC-CLI");

        var list = await RunHostAsync("projections", "list");
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains("Account", list.Output, StringComparison.Ordinal);

        var rebuild = await RunHostAsync("projections", "rebuild");
        Assert.True(rebuild.ExitCode == 0, rebuild.Output);

        Assert.Equal(before, await admin.GetStringAsync("/api/accounts/ACC-CLI"));
    }

    private async Task<(int ExitCode, string Output)> RunHostAsync(params string[] arguments)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Host.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(host);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__Postgres"] = fixture.ConnectionString;
        start.Environment["Auth__Issuer"] = NavusoftApp.Auth.Issuer;
        start.Environment["Auth__Audience"] = NavusoftApp.Auth.Audience;
        start.Environment["Auth__SigningKey"] = NavusoftApp.Auth.SigningKey;
        start.Environment["DataProtection__KeyEncryptionKey"] = NavusoftApp.DataProtectionKeyEncryptionKey;
        start.Environment["Quartz__Enabled"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}

using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Auth;
using Xunit;

namespace NavusoftSync.Testing;

/// <summary>One database and one host per test class (xunit class fixture).</summary>
public class AppFixture : IAsyncLifetime
{
    private NavusoftApp? _app;

    public NavusoftApp App => _app ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string ConnectionString { get; private set; } = string.Empty;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        _app = new NavusoftApp(ConnectionString, Settings, ConfigureServices);
        _ = _app.Server; // start the host now: schema migration happens here, not in the first test
    }

    public HttpClient ClientFor(TokenRequest user) => App.ClientFor(user);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}

using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.CalDav;

/// <summary>
/// Each test gets a fresh user on the real Radicale (<see cref="TestMailbox"/>) with a calendar <c>work</c>, and the provider
/// readers as the module registers them, configured to reach the test servers (<see cref="MailServers.Configuration"/>).
/// </summary>
public abstract class CalDavReaderTest : IAsyncLifetime
{
    internal static readonly CalendarWindow Window = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private ServiceProvider? _services;

    protected CancellationToken Ct => _timeout.Token;

    protected TestMailbox Mailbox { get; private set; } = null!;

    protected Uri Work { get; private set; } = null!;

    protected Dictionary<string, string?> Settings { get; } = new()
    {
        ["Sync:PageSize"] = "2",
        ["Sync:MaxAttempts"] = "3",
        ["Sync:RetryBaseDelayMilliseconds"] = "0",
        ["Sync:RetryMaxDelayMilliseconds"] = "5000",
    };

    public virtual async Task InitializeAsync()
    {
        Mailbox = await TestMailbox.CreateAsync(Ct);
        try
        {
            Work = await Mailbox.CreateCalendarAsync("work", Ct);
        }
        catch (HttpRequestException)
        {
            // Radicale sometimes drops the connection of a new user's first request under parallel load; the setup asks once more.
            Work = await Mailbox.CreateCalendarAsync("work", Ct);
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _timeout.Dispose();
    }

    internal IProviderReader Reader()
    {
        if (_services is null)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(MailServers.Configuration()).AddInMemoryCollection(Settings).Build();
            _services = new ServiceCollection().AddLogging().AddProviderReaders(configuration)
                .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        }

        return _services.GetServices<IProviderReader>().Single(r => r.Provider == "imap");
    }

    /// <summary>A link whose credentials are the mailbox's (or <paramref name="calDav"/>), as the Linking module would hand them.</summary>
    internal PasswordLink Link(CalDavServer? calDav = null, bool withCalDav = true) =>
        new(new MailboxServers(Mailbox.Address, Mailbox.Imap(), withCalDav ? calDav ?? Mailbox.CalDav() : null).ToJson());

    internal async Task<List<ProviderPage<CalendarItem>>> ReadAsync(PasswordLink link, string? cursor) =>
        await Reader().ReadCalendarAsync(link.Access(Mailbox.Address), cursor, Window, Ct).ReadAllAsync();

    /// <summary>The CalDAV account as seen through <paramref name="proxy"/>.</summary>
    internal CalDavServer Through(CalDavFaultProxy proxy) =>
        Mailbox.CalDav() with { Url = proxy.Root.AbsoluteUri, CalendarHomeUrl = new Uri(proxy.Root, Mailbox.Username + "/").AbsoluteUri };

    protected Task<Uri> PutAsync(string name, string ics, Uri? calendar = null) => Mailbox.PutEventAsync(calendar ?? Work, name, ics, Ct);

    /// <summary>The provider id prefix (href) of a resource in a calendar.</summary>
    protected static string Href(Uri calendar, string name) => calendar.AbsolutePath + name;

    protected static string OneEvent(string uid, string start, string summary = "Planning", params string[] more)
    {
        var at = DateTime.ParseExact(start, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return Ics.Calendar(Ics.Event(uid, $"DTSTART:{start}", $"DTEND:{at.AddHours(1):yyyyMMdd'T'HHmmss'Z'}", summary, more));
    }
}

/// <summary>
/// The credentials callback of a password link: answers the stored credentials until the reader reports them refused, then
/// throws <see cref="ReauthRequiredException"/>, as the Linking module does once it marks the link ReauthRequired.
/// </summary>
internal sealed class PasswordLink(string token)
{
    public List<string> Rejected { get; } = [];

    public MailboxAccess Access(string address) => new("link-" + address, "imap", address, GetAsync, RejectAsync);

    private ValueTask<string> GetAsync(CancellationToken cancellationToken) =>
        Rejected.Contains(token) ? throw new ReauthRequiredException("The mail server refused the app password.") : ValueTask.FromResult(token);

    private ValueTask RejectAsync(string rejected, CancellationToken cancellationToken)
    {
        Rejected.Add(rejected);
        return ValueTask.CompletedTask;
    }
}

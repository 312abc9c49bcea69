using MailKit.Net.Imap;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Imap.Mail;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.Mail;

/// <summary>
/// Each test gets a fresh mailbox on the real Dovecot (<see cref="TestMailbox"/>) and the readers as the module registers them
/// (<c>AddProviderReaders</c> with <see cref="MailServers.Configuration"/>), with small pages and no retry waits.
/// </summary>
public abstract class ImapMailTest : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private ServiceProvider? _services;

    protected TestMailbox Mailbox { get; private set; } = null!;

    protected CancellationToken Ct => _timeout.Token;

    /// <summary>The mail window of the tests: the last 30 days (Dovecot stamps appended mail with the real time).</summary>
    internal static MailWindow Window => new(DateTimeOffset.UtcNow.AddDays(-30));

    protected Dictionary<string, string?> Settings { get; } = new()
    {
        ["Sync:PageSize"] = "2",
        ["Sync:MaxAttempts"] = "3",
        ["Sync:RetryBaseDelayMilliseconds"] = "0",
        ["Sync:RetryMaxDelayMilliseconds"] = "0",
    };

    public virtual async Task InitializeAsync() => Mailbox = await TestMailbox.CreateAsync(Ct);

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _timeout.Dispose();
    }

    internal IProviderReader Reader => Services.GetServices<IProviderReader>().Single(r => r.Provider == "imap");

    /// <summary>The mail reader the <see cref="Reader"/> delegates to (a singleton: its connection hook applies to the reader).</summary>
    internal ImapMailReader MailReader => Services.GetRequiredService<ImapMailReader>();

    private ServiceProvider Services => _services ??= new ServiceCollection()
        .AddLogging()
        .AddProviderReaders(new ConfigurationBuilder().AddInMemoryCollection(MailServers.Configuration()).AddInMemoryCollection(Settings).Build())
        .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    /// <summary>A link to the test mailbox whose credentials behave like the Linking module's (<see cref="LinkedPassword"/>).</summary>
    internal MailboxAccess Access(LinkedPassword password) =>
        new("link-" + Mailbox.Username, "imap", Mailbox.Address, password.GetAsync, password.RejectAsync);

    internal MailboxAccess Access() => Access(new LinkedPassword(Mailbox.ServersOf(calDav: false)));

    /// <summary>The mailbox reached through <paramref name="proxy"/> instead of directly.</summary>
    internal MailboxAccess AccessThrough(TcpFaultProxy proxy)
    {
        var servers = Mailbox.ServersOf(calDav: false);
        return Access(new LinkedPassword(servers with { Imap = servers.Imap with { Port = proxy.Port } }));
    }

    internal static async Task<List<ProviderPage<MailItem>>> ReadAllAsync(IAsyncEnumerable<ProviderPage<MailItem>> pages)
    {
        var all = new List<ProviderPage<MailItem>>();
        await foreach (var page in pages)
        {
            all.Add(page);
        }

        return all;
    }

    internal Task<List<ProviderPage<MailItem>>> RoundAsync(string? cursor, MailboxAccess? access = null) =>
        ReadAllAsync(Reader.ReadMailAsync(access ?? Access(), cursor, Window, Ct));

    /// <summary>Appends a message to a folder and answers its provider id as the reader names it.</summary>
    protected async Task<string> AppendAsync(string folder, MimeMessage message)
    {
        var uid = await Mailbox.AppendAsync(folder, message, Ct);
        using var client = await Mailbox.ConnectAsync(Ct);
        var opened = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder, Ct);
        await opened.StatusAsync(MailKit.StatusItems.UidValidity, Ct);
        return $"{(folder == "INBOX" ? "inbox" : "sent")}:{opened.UidValidity}:{uid.Id}"; // a decoy folder's ids are never expected
    }

    protected async Task ExpungeAsync(string folder, uint uid)
    {
        using var client = await Mailbox.ConnectAsync(Ct);
        var opened = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder, Ct);
        await opened.OpenAsync(MailKit.FolderAccess.ReadWrite, Ct);
        await opened.StoreAsync(new MailKit.UniqueId(uid), new MailKit.StoreFlagsRequest(MailKit.StoreAction.Add, MailKit.MessageFlags.Deleted) { Silent = true }, Ct);
        await opened.ExpungeAsync(Ct);
        await client.DisconnectAsync(true, Ct);
    }

    protected async Task FlagAsync(string folder, uint uid)
    {
        using var client = await Mailbox.ConnectAsync(Ct);
        var opened = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder, Ct);
        await opened.OpenAsync(MailKit.FolderAccess.ReadWrite, Ct);
        await opened.StoreAsync(new MailKit.UniqueId(uid), new MailKit.StoreFlagsRequest(MailKit.StoreAction.Add, MailKit.MessageFlags.Flagged) { Silent = true }, Ct);
        await client.DisconnectAsync(true, Ct);
    }

    internal static uint UidOf(string providerId) => uint.Parse(providerId.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture);

    protected static MimeMessage Mail(string subject, string from, string to, DateTimeOffset? date = null, string? messageId = null)
    {
        var message = new MimeMessage { Subject = subject, Date = date ?? DateTimeOffset.UtcNow.AddHours(-1) };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = messageId ?? $"{Guid.NewGuid():N}@mail.test";
        message.Body = new TextPart("plain") { Text = "Body of " + subject };
        return message;
    }

    /// <summary>A message parsed from raw RFC 5322 text (bytes as written: 8-bit ones pass as Latin-1 code points).</summary>
    protected static MimeMessage Raw(string text)
    {
        using var stream = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(text.ReplaceLineEndings("\r\n")));
        return MimeMessage.Load(stream);
    }

    /// <summary>Takes capabilities away from every connection the reader opens, as a server without them would.</summary>
    internal void WithoutCapabilities(ImapCapabilities capabilities) => MailReader.ConnectionOpened = c => c.Capabilities &= ~capabilities;
}

/// <summary>
/// A password link's credentials as the Linking module hands them out: the stored JSON as the access token until that token is
/// reported rejected, then <see cref="ReauthRequiredException"/> (the link was marked ReauthRequired and its credentials deleted).
/// </summary>
internal sealed class LinkedPassword(MailboxServers servers)
{
    private int _rejected;

    public bool Rejected => Volatile.Read(ref _rejected) == 1;

    public ValueTask<string> GetAsync(CancellationToken cancellationToken) =>
        Rejected
            ? throw new ReauthRequiredException($"The mail server refused the app password for {servers.Imap.Username}. Create a new app password with your mail provider and link the mailbox again with it.")
            : ValueTask.FromResult(servers.ToJson());

    public ValueTask RejectAsync(string token, CancellationToken cancellationToken)
    {
        if (token == servers.ToJson())
        {
            Interlocked.Exchange(ref _rejected, 1);
        }

        return ValueTask.CompletedTask;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Testing;

namespace NavusoftSync.Bench;

// IMAP benchmark: a Dovecot mailbox (the test servers, scripts/mailservers.sh) of N messages (~10% with a contact) seeded
// fast (MULTIAPPEND, or Maildir files written into the folder Dovecot made), linked through the host's
// POST /api/me/links {provider: "imap"}; the first sync, then K new messages and an incremental sync requested over HTTP.
// The host runs as its own built program (dotnet Host.dll), so its memory is measured alone. Prints; no assertions.
//   dotnet run -c Release --project bench/Bench -- imap [--messages 20000] [--incremental 500] [--accounts 400]
//       [--contact-share 0.1] [--seed append|maildir] [--seed-only]
// (--seed-only: seed a fresh mailbox and print the seeding rate, nothing else; --seed maildir needs the user's Maildir
// to be writable here, as when scripts/mailservers.sh runs as this user.)
internal static class ImapBench
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);

    public static async Task RunAsync(string[] args)
    {
        var options = ImapBenchOptions.Parse(args);
        var mailbox = await TestMailbox.CreateAsync(CancellationToken.None);
        var data = new ImapBenchData(mailbox.Address, options.Accounts, options.ContactShare, DateTimeOffset.UtcNow);
        Console.WriteLine($"IMAP benchmark: {options.Messages:N0} messages then {options.Incremental:N0} new, seeded by {options.Seed}; {Environment.ProcessorCount} cores; load {SyncBench.Load()}");
        var (count, took) = await SeedAsync(mailbox, data.Messages(options.Messages, TimeSpan.FromDays(12)), options.Seed);
        Console.WriteLine($"Seeded {mailbox.Address}: {count:N0} messages ({data.ContactMessages:N0} with a contact) in {took.TotalSeconds:N1} s ({count / Math.Max(0.001, took.TotalSeconds):N0} messages/s).");
        if (options.SeedOnly)
        {
            return;
        }

        var connectionString = await PostgresServer.CreateDatabaseAsync("imapbench");
        try
        {
            await using var bench = await PasswordLinkBench.StartAsync(connectionString, "imap", options.Accounts);
            var body = new
            {
                provider = "imap",
                address = mailbox.Address,
                imap = Imap(mailbox),
            };
            var (linkId, first) = await bench.LinkAndSyncAsync(body, RunTimeout);
            await bench.SettleAsync(linkId, RunTimeout);

            using var client = await mailbox.ConnectAsync(CancellationToken.None);
            var added = await ImapSeeding.AppendAsync(client, data.Messages(options.Incremental, TimeSpan.FromMinutes(30)), CancellationToken.None);
            await client.DisconnectAsync(true);
            Console.WriteLine($"Added {added.Count:N0} messages in {added.Took.TotalSeconds:N1} s.");
            var incremental = await bench.SyncAsync(linkId, RunTimeout);

            Console.WriteLine();
            Console.WriteLine($"===== IMAP benchmark: {options.Messages:N0} messages / {options.Incremental:N0} incremental (load {SyncBench.Load()}) =====");
            PasswordLinkBench.Print("first sync", first, mail: true);
            PasswordLinkBench.Print("incremental sync", incremental, mail: true);
            bench.PrintMemory();
            Console.WriteLine($"GET /api/me/links:     {await bench.Run.LinksAsync()}");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static object Imap(TestMailbox mailbox)
    {
        var server = mailbox.Imap(MailSecurity.Ssl);
        return new { host = server.Host, port = server.Port, security = "ssl", username = server.Username, password = server.Password };
    }

    private static async Task<(int Count, TimeSpan Took)> SeedAsync(TestMailbox mailbox, IEnumerable<(MimeKit.MimeMessage Message, DateTimeOffset Date)> messages, string seed)
    {
        using var client = await mailbox.ConnectAsync(CancellationToken.None);
        if (seed == "maildir")
        {
            // Dovecot makes the Maildir (as its mail user) when INBOX is first opened; the files written then are its to index.
            await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
            await client.DisconnectAsync(true);
            return await ImapSeeding.WriteMaildirAsync(MaildirOf(mailbox), messages, CancellationToken.None);
        }

        var seeded = await ImapSeeding.AppendAsync(client, messages, CancellationToken.None);
        await client.DisconnectAsync(true);
        return seeded;
    }

    /// <summary>The user's INBOX Maildir: the test servers give each user the home <c>{MailHome}/{user}</c> and <c>mail_location = maildir:~/Maildir</c>.</summary>
    private static string MaildirOf(TestMailbox mailbox) =>
        Path.Combine(MailServers.Current.MailHome, mailbox.Username, "Maildir");
}

internal sealed record ImapBenchOptions(int Messages, int Incremental, int Accounts, double ContactShare, string Seed, bool SeedOnly)
{
    public static ImapBenchOptions Parse(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, $"--{name}") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int Get(string name, int fallback) => int.TryParse(Text(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
        var seed = (Text("seed") ?? "append").ToLowerInvariant();
        if (seed is not ("append" or "maildir"))
        {
            throw new ArgumentException("--seed is append or maildir.");
        }

        return new(
            Get("messages", 20_000),
            Get("incremental", 500),
            Get("accounts", 400),
            double.TryParse(Text("contact-share"), CultureInfo.InvariantCulture, out var share) ? share : 0.1,
            seed,
            args.Contains("--seed-only"));
    }
}

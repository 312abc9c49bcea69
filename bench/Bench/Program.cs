namespace NavusoftSync.Bench;

// Benchmarks of the speed and memory targets. Each prints its figures; none asserts.
//   dotnet run -c Release --project bench/Bench -- contacts [options]   (upserts and lookups)
//   dotnet run -c Release --project bench/Bench -- sync [options]       (first and incremental sync against the sandbox)
//   dotnet run -c Release --project bench/Bench -- calendar [options]   (projection catch-up, month views and day lists)
//   dotnet run -c Release --project bench/Bench -- push [options]       (push latency over many links, and a quiet link's requests per hour)
//   dotnet run -c Release --project bench/Bench -- check [options]      (the completeness check's provider requests and time per 1,000 items)
//   dotnet run -c Release --project bench/Bench -- imap [options]       (first and incremental sync of a Dovecot mailbox)
//   dotnet run -c Release --project bench/Bench -- caldav [options]     (first and incremental sync of a Radicale calendar)
//   dotnet run -c Release --project bench/Bench -- search [options]     (account search latency with 16 clients)
//   dotnet run -c Release --project bench/Bench -- firstsync [options]  (a large first sync under the realistic provider profile)
//   dotnet run -c Release --project bench/Bench -- fleet [options]      (1,000 links over 100 tenants on two host processes)
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Directory.SetCurrentDirectory(AppContext.BaseDirectory); // WebApplicationFactory reads its content-root manifest from here
        var name = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "contacts";
        var rest = args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        switch (name)
        {
            case "contacts":
                await ContactsBench.RunAsync(rest);
                return 0;
            case "sync":
                await SyncBench.RunAsync(rest);
                return 0;
            case "calendar":
                await CalendarBench.RunAsync(rest);
                return 0;
            case "push":
                await PushBench.RunAsync(rest);
                return 0;
            case "check":
                await CheckBench.RunAsync(rest);
                return 0;
            case "imap":
                await ImapBench.RunAsync(rest);
                return 0;
            case "caldav":
                await CalDavBench.RunAsync(rest);
                return 0;
            case "search":
                await AccountSearchBench.RunAsync(rest);
                return 0;
            case "firstsync":
                await FirstSyncBench.RunAsync(rest);
                return 0;
            case "fleet":
                await FleetBench.RunAsync(rest);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown benchmark '{name}'. Known: contacts, sync, calendar, push, check, imap, caldav, search, firstsync, fleet.");
                return 2;
        }
    }
}

namespace NavusoftSync.Ui.BrowserTests.Infrastructure;

/// <summary>
/// The system Chromium the tests drive (Playwright never downloads a browser here):
/// <c>CHROMIUM_PATH</c> when set (scripts/test.sh sets it), else the usual Debian/Ubuntu locations.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Candidates =
    [
        "/usr/lib/chromium/chromium",
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/snap/bin/chromium",
    ];

    public static string? ExecutablePath { get; } = Find();

    public static string MissingReason =>
        "No Chromium found (set CHROMIUM_PATH, or install it: apt-get install -y chromium; scripts/test.sh does that as root). Looked at: "
        + string.Join(", ", Candidates);

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // A configured path that does not exist is an error of the setup, not a reason to skip.
            return configured;
        }

        return Candidates.FirstOrDefault(File.Exists);
    }
}

/// <summary>A browser test: skipped, with the reason, only when no Chromium is installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.ExecutablePath is null)
        {
            Skip = Chromium.MissingReason;
        }
    }
}

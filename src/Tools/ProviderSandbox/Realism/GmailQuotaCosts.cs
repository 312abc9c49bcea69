namespace NavusoftSync.Tools.ProviderSandbox.Realism;

/// <summary>
/// Gmail's published quota units per method (users.getProfile 1, history.list 2, messages.list and messages.get 5,
/// watch 100, stop 50); every other method costs 5 here.
/// </summary>
internal static class GmailQuotaCosts
{
    private const int Other = 5;

    /// <summary>The units of a request to <paramref name="path"/> (a path under <c>/gmail/v1/users/{userId}</c>).</summary>
    public static int Of(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var users = Array.IndexOf(segments, "users");
        var rest = users < 0 ? [] : segments[(users + 2)..];
        return (method, rest) switch
        {
            ("GET", ["profile"]) => 1,
            ("GET", ["history"]) => 2,
            ("GET", ["messages"]) => 5,
            ("GET", ["messages", _]) => 5,
            ("POST", ["watch"]) => 100,
            ("POST", ["stop"]) => 50,
            _ => Other,
        };
    }
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NavusoftSync.BuildingBlocks.Auth;

namespace NavusoftSync.Ui.BrowserTests.Infrastructure;

/// <summary>
/// One test's browser context (laptop size, Chicago, en-US): signs in through the page, takes
/// numbered screenshots, and records every request so a test can prove nothing left the machine.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _requests = [];
    private readonly string _name;
    private int _step;

    private BrowserSession(UiWorld world, IBrowserContext context, IPage page, string name)
    {
        World = world;
        Context = context;
        Page = page;
        _name = name;
    }

    public UiWorld World { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>A laptop-sized context, or with <paramref name="phone"/> a 390 px wide touch screen.</summary>
    public static async Task<BrowserSession> OpenAsync(UiWorld world, string name, bool phone = false)
    {
        var context = await world.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 860 },
            HasTouch = phone,
            IsMobile = phone,
            Locale = "en-US",
            TimezoneId = UiScenario.TimeZone,
        });
        context.SetDefaultTimeout(20_000);
        // The suite runs beside the other test projects on two cores: an answer that takes 1 s alone can take more than
        // the 5 s Playwright gives an expectation by default.
        Assertions.SetDefaultExpectTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(world, context, page, name);
        context.Request += (_, request) =>
        {
            lock (session._requests)
            {
                session._requests.Add(request.Url);
            }
        };
        return session;
    }

    /// <summary>Development sign-in through the page's form, with the user's role (user or admin).</summary>
    public async Task SignInAsync(TokenRequest user)
    {
        await Page.GotoAsync($"{World.BaseUrl}/app/#/signin");
        await Page.FillAsync("#signin-tenant", user.Tid);
        await Page.FillAsync("#signin-user", user.Sub);
        await Page.FillAsync("#signin-name", user.Name ?? "");
        await Page.FillAsync("#signin-email", user.Email ?? "");
        await Page.FillAsync("#signin-tz", user.Tz ?? "UTC");
        await Page.SelectOptionAsync("#signin-role", user.Role == "admin" ? "admin" : "user");
        await Page.ClickAsync("#signin-submit");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("User Calendar/Appointments");
    }

    /// <summary>Opens a screen through the user menu, as a user would.</summary>
    public async Task OpenFromUserMenuAsync(string item)
    {
        await Page.ClickAsync("#user-menu-button");
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = item }).ClickAsync();
    }

    /// <summary>
    /// Presses Tab (or Shift+Tab) until <paramref name="target"/> has focus, as a keyboard user would, and fails when it
    /// is not reached within <paramref name="most"/> presses.
    /// </summary>
    public async Task TabUntilFocusedAsync(ILocator target, bool backwards = false, int most = 25)
    {
        for (var pressed = 0; pressed < most; pressed++)
        {
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }

            await Page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        await Assertions.Expect(target).ToBeFocusedAsync(new() { Timeout = 1_000 });
    }

    /// <summary>The page does not scroll sideways (what the phone-width layout promises).</summary>
    public async Task AssertNoSidewaysScrollingAsync() =>
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways.");

    /// <summary>The WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core, the target the UI is held to.</summary>
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    /// <summary>How many axe scans this session ran (a test can prove its screens were scanned).</summary>
    public int AxeScans { get; private set; }

    /// <summary>
    /// Runs axe-core (WCAG 2.2 A and AA rules) on the page as it is now and fails the test on any violation, naming each
    /// rule, its impact and the offending elements. Call it on every screen and state a test reaches (overlays and
    /// dialogs open, errors shown, phone width).
    /// </summary>
    public async Task AssertAccessibleAsync(string state, IPage? page = null)
    {
        var result = await (page ?? Page).RunAxe(WcagAa);
        AxeScans++;
        var violations = result.Violations ?? [];
        Assert.True(violations.Length == 0, $"axe found {violations.Length} accessibility violation(s) on {state}:\n" + string.Join("\n", violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {string.Join(" ", n.Target?.ToString() ?? "")} {Trim(n.Html)} {Trim(string.Join("; ", (n.Any ?? []).Concat(n.All ?? []).Concat(n.None ?? []).Select(c => c.Message)))}")))));
    }

    private static string Trim(string? text) => text is null ? "" : text.Length <= 300 ? text : text[..300] + "…";

    public async Task ScreenshotAsync(string step, IPage? page = null)
    {
        var file = Path.Combine(UiWorld.ScreenshotFolder, $"{_name}-{++_step:00}-{step}.png");
        await (page ?? Page).ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    /// <summary>Every request the pages made went to this machine (host or sandbox): nothing from the internet.</summary>
    public void AssertNothingLeftTheMachine()
    {
        var foreign = Requests.Where(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !uri.IsLoopback).ToList();
        Assert.True(foreign.Count == 0, "Requests to other hosts: " + string.Join(", ", foreign));
        Assert.NotEmpty(Requests);
    }

    /// <summary>Waits (polling, up to 20 s) until a page such as the sign-in window has closed.</summary>
    public static async Task WaitUntilClosedAsync(IPage page)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!page.IsClosed && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(page.IsClosed, $"The window at {page.Url} is still open.");
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

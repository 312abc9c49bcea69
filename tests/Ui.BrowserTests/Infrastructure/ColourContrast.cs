using Microsoft.Playwright;

namespace NavusoftSync.Ui.BrowserTests.Infrastructure;

/// <summary>What the page paints: a foreground colour, the colour behind it, and their WCAG contrast ratio.</summary>
internal sealed class ContrastReading
{
    public double Ratio { get; set; }

    public string Foreground { get; set; } = "";

    public string Background { get; set; } = "";

    public override string ToString() => $"{Foreground} on {Background}: {Ratio:0.00}:1";
}

/// <summary>
/// Measures contrast in the page from <c>getComputedStyle</c>: the colour behind an element is its ancestors'
/// backgrounds painted over white, alpha included (what the browser shows; no background images are used in the UI).
/// </summary>
internal static class ColourContrast
{
    private const string Helpers = """
        const parse = value => {
          const parts = value.match(/[\d.]+/g).map(Number);
          return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
        };
        const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3]));
        const behind = (el, includeSelf) => {
          const chain = [];
          for (let e = includeSelf ? el : el.parentElement; e; e = e.parentElement) chain.push(e);
          return chain.reverse().reduce((color, e) => over(parse(getComputedStyle(e).backgroundColor), color), [255, 255, 255]);
        };
        const luminance = rgb => {
          const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const ratio = (a, b) => { const x = luminance(a), y = luminance(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
        const css = rgb => `rgb(${rgb.map(Math.round).join(', ')})`;
        """;

    /// <summary>
    /// The focused element's outline against what is painted next to it, on each of its four sides (the lowest ratio):
    /// for an outline drawn outside the element, the background of whatever the page shows there (the topbar under a
    /// skip link, a cell under a button); for one drawn inside (negative offset), the element's own background.
    /// Fails when no outline of 2 px or more is drawn.
    /// </summary>
    public static async Task<ContrastReading> OfFocusRingAsync(IPage page)
    {
        var reading = await page.EvaluateAsync<ContrastReading?>("() => {" + Helpers + """
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const style = getComputedStyle(el);
              if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return null;
              const offset = parseFloat(style.outlineOffset);
              const away = offset + parseFloat(style.outlineWidth) / 2; // from the border edge to the ring's middle
              const r = el.getBoundingClientRect();
              const points = [[r.left + r.width / 2, r.top - away], [r.left + r.width / 2, r.bottom + away],
                [r.left - away, r.top + r.height / 2], [r.right + away, r.top + r.height / 2]]
                .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
              const ring = parse(style.outlineColor);
              let worst = null;
              for (const [x, y] of points) {
                const under = offset < 0 ? el : document.elementsFromPoint(x, y).find(e => e !== el && !el.contains(e));
                if (!under) continue;
                const back = behind(under, true);
                const drawn = over(ring, back);
                const found = { ratio: ratio(drawn, back), foreground: css(drawn), background: css(back) };
                if (!worst || found.ratio < worst.ratio) worst = found;
              }
              return worst;
            }
            """);
        Assert.True(reading is not null, "The focused element draws no focus outline of 2 px or more.");
        return reading!;
    }

    /// <summary>Fails unless the focused element's ring has at least 3:1 against what is next to it (WCAG 1.4.11, 2.4.7).</summary>
    public static async Task AssertFocusRingVisibleAsync(IPage page, string what)
    {
        var reading = await OfFocusRingAsync(page);
        Assert.True(reading.Ratio >= 3, $"The focus ring of {what} has {reading}, below 3:1.");
    }

    /// <summary>An element's text colour against the background behind it.</summary>
    public static async Task<ContrastReading> OfTextAsync(ILocator element) =>
        await element.EvaluateAsync<ContrastReading>("el => {" + Helpers + """
              const back = behind(el, true);
              const text = over(parse(getComputedStyle(el).color), back);
              return { ratio: ratio(text, back), foreground: css(text), background: css(back) };
            }
            """);
}

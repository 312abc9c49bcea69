using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Links.Completing;

/// <summary>
/// The callback's answer when the request proves nothing (no bearer token, no matching browser
/// binding cookie): a small page that consumed nothing. Its script (the reference UI's static
/// <c>app/js/link-callback.js</c>, allowed by <c>script-src 'self'</c>: the page has no inline
/// script) reads <c>code</c> and <c>state</c> from the page's own address and hands them to the
/// window that opened it, by <c>postMessage</c> restricted to this origin; that page repeats the
/// callback with its bearer token. Nothing of the request is echoed into the page: only the
/// provider's catalog name and the host's path base, both HTML-encoded.
/// </summary>
internal static class LinkCallbackPage
{
    public const string ScriptPath = "/app/js/link-callback.js";

    public static string Html(ProviderInfo provider, PathString pathBase)
    {
        var name = HtmlEncoder.Default.Encode(provider.Name);
        var root = HtmlEncoder.Default.Encode(pathBase.Value ?? string.Empty);
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'">
              <meta name="referrer" content="no-referrer">
              <title>Finishing the sign-in · Navusoft</title>
              <link rel="stylesheet" href="{root}/app/app.css">
              <script src="{root}{ScriptPath}" defer></script>
            </head>
            <body>
              <main id="main" class="link-callback">
                <h1>Finishing your {name} sign-in</h1>
                <p id="link-callback-relaying" role="status" hidden>Handing the sign-in back to the NavusoftSync page that opened this window…</p>
                <div id="link-callback-unbound">
                  <p>Nothing was linked. NavusoftSync links an account only for the person who started linking it, in the browser where they started.</p>
                  <p>If you are linking your own account, go back to the NavusoftSync page where you chose Continue and start again there.</p>
                  <p>If someone sent you this sign-in link, close this window: nothing of your mailbox was shared.</p>
                </div>
              </main>
            </body>
            </html>
            """;
    }
}

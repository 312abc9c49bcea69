using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Kiota.Abstractions;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// One folder's message delta round: the first request <c>$select</c>s the used fields and filters
/// <c>receivedDateTime ge {since}</c> (the only filter delta supports); later pages and rounds follow Graph's own links.
/// Each page comes with the round's deltaLink when it is the folder's last.
/// </summary>
internal static class GraphMailDelta
{
    public static async IAsyncEnumerable<(PageBuilder<MailItem> Page, string? DeltaLink)> ReadAsync(
        GraphSession session, string folder, string? deltaLink, MailWindow window, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var builder = session.Client.Me.MailFolders[folder].Messages.Delta;
        var response = await GraphCalls.SendAsync(
            c => deltaLink is null
                ? builder.GetAsDeltaGetResponseAsync(r =>
                {
                    r.QueryParameters.Select = GraphMessages.Fields;
                    r.QueryParameters.Filter = "receivedDateTime ge " + window.Since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    Prefer(r.Headers, pageSize);
                }, c)
                : builder.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(r => Prefer(r.Headers, pageSize), c),
            $"the {folder} message delta",
            cancellationToken);
        while (true)
        {
            var page = new PageBuilder<MailItem>();
            GraphMessages.AddTo(page, response?.Value, folder);
            var next = response?.OdataNextLink;
            var delta = response?.OdataDeltaLink;
            if (next is null)
            {
                yield return (page, delta ?? throw new ProviderUnavailableException($"A {folder} delta page had neither a nextLink nor a deltaLink."));
                yield break;
            }

            yield return (page, null);
            response = await GraphCalls.SendAsync(c => builder.WithUrl(next).GetAsDeltaGetResponseAsync(r => Prefer(r.Headers, pageSize), c), $"the {folder} message delta", cancellationToken);
        }
    }

    private static void Prefer(RequestHeaders headers, int pageSize) =>
        headers.Add("Prefer", "odata.maxpagesize=" + pageSize.ToString(CultureInfo.InvariantCulture));
}

using System.Globalization;
using System.Runtime.CompilerServices;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// The look-back for a few addresses at once: Graph <c>$search="(participants:{a} OR participants:{b}) AND received>={date}"</c>
/// on Inbox and Sent Items (documented KQL; <c>$search</c> cannot be combined with <c>$filter</c>), paged by
/// <c>@odata.nextLink</c>. The answers are then narrowed exactly: one of the addresses in from/to/cc, sent within the window,
/// no drafts.
/// </summary>
internal static class GraphSearch
{
    public static async IAsyncEnumerable<ProviderPage<MailItem>> ReadAsync(
        GraphSession session, IReadOnlyList<string> addresses, MailWindow window, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var since = window.Since.UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var search = $"\"({string.Join(" OR ", addresses.Select(a => $"participants:{a}"))}) AND received>={since}\"";
        foreach (var folder in GraphCursors.MailFolders)
        {
            var builder = session.Client.Me.MailFolders[folder].Messages;
            var response = await GraphCalls.SendAsync(
                c => builder.GetAsync(r =>
                {
                    r.QueryParameters.Search = search;
                    r.QueryParameters.Select = GraphMessages.Fields;
                    r.QueryParameters.Top = pageSize;
                }, c),
                "a message search",
                cancellationToken);
            while (response is not null)
            {
                var page = new PageBuilder<MailItem>();
                GraphMessages.AddTo(page, response.Value, folder);
                page.Items.RemoveAll(i => i.SentAt < window.Since || !SearchAddresses.InvolvesAny(i, addresses));
                if (!page.IsEmpty)
                {
                    yield return page.Build(null);
                }

                if (response.OdataNextLink is not { } next)
                {
                    break;
                }

                response = await GraphCalls.SendAsync(c => builder.WithUrl(next).GetAsync(cancellationToken: c), "a message search", cancellationToken);
            }
        }
    }
}

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>
/// The few Gmail v1 calls we need, named after the generated client's methods (<c>Users.Messages.List</c> →
/// <see cref="UsersMessagesListAsync"/>) so Google.Apis.Gmail.v1 could replace it. Failures are <c>GoogleApiException</c>s.
/// </summary>
internal sealed class GmailClient(GoogleRestClient rest, string baseUrl)
{
    public Task<Profile> UsersGetProfileAsync(string userId, CancellationToken cancellationToken) =>
        rest.GetAsync<Profile>($"{baseUrl}/users/{Uri.EscapeDataString(userId)}/profile", cancellationToken);

    public Task<ListMessagesResponse> UsersMessagesListAsync(string userId, MessagesListRequest request, CancellationToken cancellationToken)
    {
        var query = new GoogleQuery()
            .Add("q", request.Q)
            .Add("maxResults", request.MaxResults)
            .Add("pageToken", request.PageToken)
            .Add("includeSpamTrash", request.IncludeSpamTrash);
        return rest.GetAsync<ListMessagesResponse>($"{baseUrl}/users/{Uri.EscapeDataString(userId)}/messages{query}", cancellationToken);
    }

    public Task<Message> UsersMessagesGetAsync(string userId, string id, MessagesGetRequest request, CancellationToken cancellationToken)
    {
        var query = new GoogleQuery().Add("format", request.Format).Add("metadataHeaders", request.MetadataHeaders);
        return rest.GetAsync<Message>($"{baseUrl}/users/{Uri.EscapeDataString(userId)}/messages/{Uri.EscapeDataString(id)}{query}", cancellationToken);
    }

    public Task<ListHistoryResponse> UsersHistoryListAsync(string userId, HistoryListRequest request, CancellationToken cancellationToken)
    {
        var query = new GoogleQuery()
            .Add("startHistoryId", request.StartHistoryId)
            .Add("historyTypes", request.HistoryTypes)
            .Add("maxResults", request.MaxResults)
            .Add("pageToken", request.PageToken);
        return rest.GetAsync<ListHistoryResponse>($"{baseUrl}/users/{Uri.EscapeDataString(userId)}/history{query}", cancellationToken);
    }

    /// <summary><c>users.watch</c>: Gmail publishes the mailbox's changes to the request's Pub/Sub topic until the answer's <c>expiration</c>.</summary>
    public Task<WatchResponse> UsersWatchAsync(string userId, WatchRequest body, CancellationToken cancellationToken) =>
        rest.PostAsync<WatchResponse>($"{baseUrl}/users/{Uri.EscapeDataString(userId)}/watch", body, cancellationToken);

    /// <summary><c>users.stop</c>: no more push notifications for the mailbox.</summary>
    public Task UsersStopAsync(string userId, CancellationToken cancellationToken) =>
        rest.PostAsync($"{baseUrl}/users/{Uri.EscapeDataString(userId)}/stop", null, cancellationToken);
}

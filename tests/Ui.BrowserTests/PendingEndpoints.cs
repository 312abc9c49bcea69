namespace NavusoftSync.Ui.BrowserTests;

/// <summary>Why a browser test waits: the server side it drives is not in this branch yet.</summary>
internal static class PendingEndpoints
{
    public const string PrivateMarks =
        "Waits for PUT /api/emails/{threadId}/private and PUT /api/appointments/{appointmentId}/private (erasure part) and `visibility` in calendar answers and details (calendar part).";

    public const string FilteredCounts =
        "Waits for sync-time filtering by the user's blocklist and `filtered` in GET /api/me/links/{linkId}/runs (ledger part).";

    public const string CompletenessCheck =
        "Waits for POST /api/me/links/{linkId}/check and `completeness` in GET /api/me/links (check part).";
}

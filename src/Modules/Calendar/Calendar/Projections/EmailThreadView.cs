using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Calendar.Projections;

internal sealed record ThreadMessageView(
    string MessageKey, string Subject, Participant? From, IReadOnlyList<Participant> To, IReadOnlyList<Participant> Cc,
    DateTimeOffset SentAt, string? Snippet, string? BodyText, bool BodyTruncated = false);

/// <summary>A mailbox (user, link) holding one message of a thread.</summary>
internal sealed record ThreadViewHolder(string MessageKey, string UserId, string LinkId);

/// <summary>An account the item is on, and the contact addresses that put it there.</summary>
internal sealed record AccountMatch(string AccountId, IReadOnlyList<string> MatchedContacts);

/// <summary>
/// The read side of an email thread (what <c>GET /api/emails/{threadId}</c> answers), folded from
/// the thread stream's recorded events. Every list is kept in a canonical order so the same events
/// always give the same document (a rebuild is byte-identical). <see cref="PlacedOwners"/> are the
/// calendars (<see cref="CalendarOwners"/> keys) the projection has put an entry on.
/// <see cref="MarkedPrivateBy"/>: the users who marked it private; <see cref="Erasure"/>: set while its content is
/// erased (the view then holds nothing of it and it is on no calendar).
/// </summary>
internal sealed record EmailThreadView(
    string Id,
    string Subject,
    DateTimeOffset StartedAt,
    IReadOnlyList<ThreadMessageView> Messages,
    IReadOnlyList<ThreadViewHolder> Holders,
    IReadOnlyList<AccountMatch> Accounts,
    IReadOnlyList<string> PlacedOwners) : ICalendarItemView<EmailThreadView>
{
    public static EmailThreadView Empty(string id) => new(id, string.Empty, default, [], [], [], []);

    /// <summary>The users who marked the thread private (ordinal order; absent in views stored before marks existed).</summary>
    public IReadOnlyList<string> MarkedPrivateBy { get; init; } = [];

    /// <summary>Who erased the thread's content, when and why; null while it has content (or never had any erased).</summary>
    public ViewErasure? Erasure { get; init; }

    public static string? StreamKey(object data) => data switch
    {
        ThreadMessageRecorded x => x.ThreadKey,
        ThreadMessageHeld x => x.ThreadKey,
        ThreadMessageReleased x => x.ThreadKey,
        ThreadAccountMatched x => x.ThreadKey,
        ThreadAccountUnmatched x => x.ThreadKey,
        ThreadMarkedPrivate x => x.ThreadKey,
        ThreadErased x => x.ThreadKey,
        _ => null,
    };

    /// <summary>Folds one event; a thread's view exists from its stream's first event.</summary>
    public static EmailThreadView Fold(EmailThreadView? view, string key, object data) => Fold(view ?? Empty(key), data);

    /// <summary>
    /// Folds one event. An erasure empties the view, keeping only who erased it and the calendars it must leave; after
    /// a final one the thread is a tombstone that folds nothing more, after another newly recorded messages bring it back.
    /// </summary>
    public static EmailThreadView Fold(EmailThreadView view, object e) => view.Erasure is { Final: true } ? view : e switch
    {
        ThreadMessageRecorded x => view.Apply(x) with { Erasure = null },
        ThreadMessageHeld x => view with { Holders = Sorted(view.Holders.Where(h => h != Holder(x)).Append(Holder(x))) },
        ThreadMessageReleased x => view with { Holders = [.. view.Holders.Where(h => h != new ThreadViewHolder(x.MessageKey, x.UserId, x.LinkId))] },
        ThreadAccountMatched x => view with { Accounts = ViewAccountMatches.With(view.Accounts, x.AccountId, x.MatchedContacts) },
        ThreadAccountUnmatched x => view with { Accounts = ViewAccountMatches.Without(view.Accounts, x.AccountId) },
        ThreadMarkedPrivate x => view with { MarkedPrivateBy = ViewPrivateMarks.With(view.MarkedPrivateBy, x.UserId, x.Private) },
        ThreadErased x => Empty(view.Id) with { PlacedOwners = view.PlacedOwners, Erasure = new ViewErasure(x.ErasedBy, x.Reason, x.Final, x.At) },
        _ => view,
    };

    /// <summary>The users whose mailbox holds at least one message of the thread.</summary>
    public IEnumerable<string> HoldingUsers => Holders.Select(h => h.UserId).Distinct(StringComparer.Ordinal);

    /// <summary>Whether a current holder has the thread marked private.</summary>
    public bool IsMarkedPrivate() => ViewPrivateMarks.AnyHeld(MarkedPrivateBy, HoldingUsers);

    public (CalendarEntry? Template, IReadOnlyList<string> Owners) Placement() => CalendarPlacement.Of(this);

    public EmailThreadView WithPlacedOwners(IReadOnlyList<string> owners) => this with { PlacedOwners = owners };

    private EmailThreadView Apply(ThreadMessageRecorded e)
    {
        var message = new ThreadMessageView(e.MessageKey, e.Subject, e.From, e.To, e.Cc, e.SentAt.ToUniversalTime(), e.Snippet, e.BodyText, e.BodyTruncated);
        List<ThreadMessageView> messages =
        [
            .. Messages.Where(m => m.MessageKey != e.MessageKey).Append(message)
                .OrderBy(m => m.SentAt).ThenBy(m => m.MessageKey, StringComparer.Ordinal),
        ];
        var first = messages[0];
        return this with { Messages = messages, Subject = first.Subject, StartedAt = first.SentAt };
    }

    private static ThreadViewHolder Holder(ThreadMessageHeld e) => new(e.MessageKey, e.UserId, e.LinkId);

    private static List<ThreadViewHolder> Sorted(IEnumerable<ThreadViewHolder> holders) =>
        [.. holders.OrderBy(h => h.UserId, StringComparer.Ordinal).ThenBy(h => h.LinkId, StringComparer.Ordinal).ThenBy(h => h.MessageKey, StringComparer.Ordinal)];
}

/// <summary>A view's matched accounts kept in canonical order (account id, then its contact addresses), so a rebuild stores the same bytes.</summary>
internal static class ViewAccountMatches
{
    public static IReadOnlyList<AccountMatch> With(IReadOnlyList<AccountMatch> accounts, string accountId, IReadOnlyList<string> contacts) =>
        [.. accounts.Where(a => a.AccountId != accountId)
            .Append(new AccountMatch(accountId, [.. contacts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderBy(a => a.AccountId, StringComparer.Ordinal)];

    public static IReadOnlyList<AccountMatch> Without(IReadOnlyList<AccountMatch> accounts, string accountId) =>
        [.. accounts.Where(a => a.AccountId != accountId)];
}

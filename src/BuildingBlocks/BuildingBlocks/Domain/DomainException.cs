namespace NavusoftSync.BuildingBlocks.Domain;

/// <summary>
/// A command the domain refuses: a <see cref="Kind"/>, a short <see cref="Title"/> and a sentence
/// (<see cref="Exception.Message"/>) the user can act on, in the domain's words. Deciders, handlers
/// and the validation behaviour raise it; it knows nothing of HTTP, which maps it at the edge.
/// </summary>
public sealed class DomainException : Exception
{
    private DomainException(DomainErrorKind kind, string title, string detail, IReadOnlyList<RuleViolation> violations)
        : base(detail)
    {
        Kind = kind;
        Title = title;
        Violations = violations;
    }

    public DomainErrorKind Kind { get; }

    public string Title { get; }

    /// <summary>The broken rules of a <see cref="DomainErrorKind.RuleViolated"/> refusal; empty for the other kinds.</summary>
    public IReadOnlyList<RuleViolation> Violations { get; }

    /// <summary>"Account 'a1' was not found."</summary>
    public static DomainException NotFound(string resource, string id) =>
        new(DomainErrorKind.NotFound, "Not found", $"{resource} '{id}' was not found.", []);

    public static DomainException Conflict(string title, string detail) =>
        new(DomainErrorKind.Conflict, title, detail, []);

    public static DomainException NotPermitted(string title, string detail) =>
        new(DomainErrorKind.NotPermitted, title, detail, []);

    public static DomainException Unavailable(string title, string detail) =>
        new(DomainErrorKind.Unavailable, title, detail, []);

    public static DomainException RuleViolated(string field, string message) => RuleViolated([new RuleViolation(field, message)]);

    public static DomainException RuleViolated(IReadOnlyList<RuleViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
        {
            throw new ArgumentException("A rule violation names at least one broken rule.", nameof(violations));
        }

        var detail = string.Join(" ", violations.Select(v => $"{v.Field}: {v.Message}"));
        return new(DomainErrorKind.RuleViolated, "One or more fields are invalid.", detail, violations);
    }
}

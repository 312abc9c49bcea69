using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.BuildingBlocks.Errors;

namespace NavusoftSync.BuildingBlocks.Tests.Domain;

/// <summary>The edge turns each kind of domain refusal into the problem answer callers have always seen.</summary>
public sealed class DomainErrorMappingTests
{
    public static TheoryData<DomainErrorKind, int> Statuses => new()
    {
        { DomainErrorKind.NotFound, StatusCodes.Status404NotFound },
        { DomainErrorKind.Conflict, StatusCodes.Status409Conflict },
        { DomainErrorKind.RuleViolated, StatusCodes.Status400BadRequest },
        { DomainErrorKind.NotPermitted, StatusCodes.Status403Forbidden },
        { DomainErrorKind.Unavailable, StatusCodes.Status503ServiceUnavailable },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Every_kind_has_its_status(DomainErrorKind kind, int status) => Assert.Equal(status, ProblemDetailsSetup.StatusOf(kind));

    [Fact]
    public void Every_kind_is_mapped() =>
        Assert.Equal(Enum.GetValues<DomainErrorKind>().Order(), Statuses.Select(row => (DomainErrorKind)row[0]).Order());

    [Fact]
    public void Not_found_answers_as_before()
    {
        var problem = Assert.IsType<ProblemHttpResult>(DomainException.NotFound("Account", "a1").ToResult());
        Assert.Equal(404, problem.StatusCode);
        Assert.Equal("Not found", problem.ProblemDetails.Title);
        Assert.Equal("Account 'a1' was not found.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public void A_conflict_keeps_its_title_and_sentence()
    {
        var problem = Assert.IsType<ProblemHttpResult>(DomainException.Conflict("Link unlinked", "anna@contoso.com was unlinked.").ToResult());
        Assert.Equal(409, problem.StatusCode);
        Assert.Equal("Link unlinked", problem.ProblemDetails.Title);
        Assert.Equal("anna@contoso.com was unlinked.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public void Broken_rules_answer_with_camel_case_field_errors()
    {
        var error = DomainException.RuleViolated([
            new RuleViolation("Contacts[0].Email", "Must be a valid email address."),
            new RuleViolation("Contacts[0].Email", "Must be a valid email address."),
            new RuleViolation("ContactId", "Required."),
        ]);

        var problem = Assert.IsType<ValidationProblem>(error.ToResult());
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("One or more fields are invalid.", problem.ProblemDetails.Title);
        Assert.Equal(["contactId", "contacts[0].email"], problem.ProblemDetails.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Must be a valid email address."], problem.ProblemDetails.Errors["contacts[0].email"]);
    }

    [Fact]
    public void A_rule_violation_names_a_rule() =>
        Assert.Throws<ArgumentException>(() => DomainException.RuleViolated([]));
}

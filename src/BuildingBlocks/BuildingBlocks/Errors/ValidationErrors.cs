using System.Text;
using System.Text.Json;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using NavusoftSync.BuildingBlocks.Domain;

namespace NavusoftSync.BuildingBlocks.Errors;

/// <summary>Builds the <c>errors</c> object of a validation problem, keyed by camelCase field paths.</summary>
public static class ValidationErrors
{
    public static Dictionary<string, string[]> From(IEnumerable<ValidationFailure> failures) =>
        From(failures.Select(f => new RuleViolation(f.PropertyName, f.ErrorMessage)));

    public static Dictionary<string, string[]> From(IEnumerable<RuleViolation> violations) =>
        violations
            .GroupBy(v => ToFieldPath(v.Field), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(v => v.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    internal static Dictionary<string, string[]> From(BadHttpRequestException exception)
    {
        var json = FindJsonException(exception);
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$', '.') : "body";
        var message = json is null ? exception.Message : "The value is not valid JSON of the expected type.";
        return new Dictionary<string, string[]>(StringComparer.Ordinal) { [field.Length == 0 ? "body" : field] = [message] };
    }

    /// <summary>"Contacts[0].Email" → "contacts[0].email".</summary>
    public static string ToFieldPath(string propertyName)
    {
        if (string.IsNullOrEmpty(propertyName))
        {
            return "body";
        }

        var builder = new StringBuilder(propertyName.Length);
        var startOfSegment = true;
        foreach (var c in propertyName)
        {
            builder.Append(startOfSegment ? char.ToLowerInvariant(c) : c);
            startOfSegment = c is '.' or ']';
        }

        return builder.ToString();
    }

    private static JsonException? FindJsonException(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }
}

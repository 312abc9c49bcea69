using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Google;
using Google.Apis.Requests;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// GET and POST with JSON for our typed Google clients. Non-success answers (after the retry policy) throw Google.Apis'
/// <see cref="GoogleApiException"/> with the status and the error's first reason, as the generated clients do; an
/// unreachable service throws <see cref="ProviderUnavailableException"/>.
/// </summary>
internal sealed class GoogleRestClient(HttpClient http, string serviceName)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    /// <summary>Request bodies leave nulls out, as the generated clients do.</summary>
    private static readonly JsonSerializerOptions WriteJson = new(Json) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<T> GetAsync<T>(string url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <summary>POST <paramref name="body"/> as JSON; answers the answer's body.</summary>
    public async Task<T> PostAsync<T>(string url, object body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, url, body, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <summary>POST <paramref name="body"/> (none when null) as JSON to a call that answers no body (<c>users.stop</c>, <c>channels.stop</c>).</summary>
    public async Task PostAsync(string url, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, url, body, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, CancellationToken cancellationToken)
    {
        // A string body, not a stream: the retry policy sends the same request again.
        using var request = new HttpRequestMessage(method, new Uri(url))
        {
            Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body, body.GetType(), WriteJson), System.Text.Encoding.UTF8, "application/json"),
        };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderUnavailableException($"The Google {serviceName} API could not be reached.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderUnavailableException($"The Google {serviceName} API timed out.", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new GoogleApiException(serviceName, $"The Google {serviceName} API answered {(int)response.StatusCode}.")
            {
                HttpStatusCode = response.StatusCode,
                Error = await ErrorAsync(response, cancellationToken),
            };
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new JsonException($"The Google {serviceName} API answered an empty body.");

    private static async Task<RequestError> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = new RequestError { Code = (int)response.StatusCode, Errors = [] };
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (document.RootElement.TryGetProperty("error", out var body) && body.ValueKind == JsonValueKind.Object)
            {
                error.Message = body.TryGetProperty("status", out var status) ? status.GetString() : null;
                if (body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in errors.EnumerateArray())
                    {
                        error.Errors.Add(new SingleError { Reason = item.TryGetProperty("reason", out var reason) ? reason.GetString() : null });
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return error;
    }
}

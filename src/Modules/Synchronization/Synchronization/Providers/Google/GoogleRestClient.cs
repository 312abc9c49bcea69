using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Google;
using Google.Apis.Requests;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// GET + JSON for our typed Google clients. Non-success answers (after the retry policy) throw Google.Apis'
/// <see cref="GoogleApiException"/> with the status and the error's first reason, as the generated clients do; an
/// unreachable service throws <see cref="ProviderUnavailableException"/>.
/// </summary>
internal sealed class GoogleRestClient(HttpClient http, string serviceName)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public async Task<T> GetAsync<T>(string url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(url), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderUnavailableException($"The Google {serviceName} API could not be reached.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderUnavailableException($"The Google {serviceName} API timed out.", e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                    ?? throw new JsonException($"The Google {serviceName} API answered an empty body.");
            }

            throw new GoogleApiException(serviceName, $"The Google {serviceName} API answered {(int)response.StatusCode}.")
            {
                HttpStatusCode = response.StatusCode,
                Error = await ErrorAsync(response, cancellationToken),
            };
        }
    }

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

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>An HTTP answer: its status and body, or <see cref="TooLarge"/> (the body was not kept) when it exceeded <see cref="CalDavLimits.MaxResponseBytes"/>.</summary>
internal sealed record CalDavAnswer(int Status, byte[] Body, bool TooLarge = false);

/// <summary>
/// One read's CalDAV requests: basic auth on each, one request of the read's budget per attempt, the answer's body capped.
/// 429, 5xx (but 501/505) and network failures are tried again up to <see cref="ProviderReadingOptions.MaxAttempts"/>, after
/// the server's <c>Retry-After</c> or a backoff with jitter, then fail the read with <see cref="ProviderUnavailableException"/>;
/// a <c>Retry-After</c> beyond <see cref="ProviderReadingOptions.RetryMaxDelay"/> fails it at once. 401 reports the app password
/// refused (<see cref="PasswordAccess.RefusedAsync"/>), which ends in <see cref="ReauthRequiredException"/>.
/// </summary>
internal sealed class CalDavSession(
    HttpClient http, MailboxAccess access, PasswordAccess password, CalDavServer server, ProviderReadingOptions options, TimeProvider clock, ILogger logger)
{
    private readonly AuthenticationHeaderValue _authorization =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.Username}:{server.Password}")));

    public CalDavServer Server => server;

    public async Task<CalDavAnswer> SendAsync(string method, Uri url, string depth, string body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await access.Budget.SpendAsync(1, cancellationToken);
            var (answer, retryAfter, failure) = await TryAsync(method, url, depth, body, cancellationToken);
            if (answer is not null)
            {
                return answer;
            }

            var delay = retryAfter ?? RetryDelays.Backoff(options, attempt);
            if (attempt >= options.MaxAttempts || delay > options.RetryMaxDelay)
            {
                throw new ProviderUnavailableException($"The CalDAV server {url.Authority} kept failing ({failure}); the calendar is read again on a later run.");
            }

            logger.LogInformation("CalDAV {Method} failed ({Failure}); attempt {Attempt} of {MaxAttempts} after {Delay}", method, failure, attempt, options.MaxAttempts, delay);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    /// <summary>One attempt: the answer, or why it failed (and the server's <c>Retry-After</c>) when it may be tried again.</summary>
    private async Task<(CalDavAnswer? Answer, TimeSpan? RetryAfter, string Failure)> TryAsync(
        string method, Uri url, string depth, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };
        request.Headers.Authorization = _authorization;
        request.Headers.Add("Depth", depth);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var refusal = new MailServerException(MailServerFailure.LoginRefused, $"The CalDAV server {url.Authority} refused the user name or app password.");
                throw await password.RefusedAsync(access, refusal, cancellationToken);
            }

            if (status is 429 or (>= 500 and not 501 and not 505))
            {
                return (null, RetryDelays.RetryAfter(response.Headers, clock.GetUtcNow()), $"HTTP {status}");
            }

            return (await ReadBodyAsync(response, cancellationToken), null, string.Empty);
        }
        catch (HttpRequestException e)
        {
            return (null, null, e.HttpRequestError.ToString());
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (null, null, "no answer in time");
        }
    }

    private static async Task<CalDavAnswer> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentLength > CalDavLimits.MaxResponseBytes)
        {
            return new CalDavAnswer(status, [], TooLarge: true);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var kept = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (kept.Length + read > CalDavLimits.MaxResponseBytes)
            {
                return new CalDavAnswer(status, [], TooLarge: true);
            }

            kept.Write(buffer, 0, read);
        }

        return new CalDavAnswer(status, kept.ToArray());
    }
}

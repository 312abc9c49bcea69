using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace NavusoftSync.BuildingBlocks.Mediation;

/// <summary>Logs each command and query with its outcome and duration (structured, no payloads).</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            LogHandled(logger, typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            LogFailed(logger, typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageType} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageType, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} failed after {ElapsedMs:0.0} ms with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string messageType, double elapsedMs, string exceptionType);
}

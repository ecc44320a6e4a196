using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace RealVision.Service.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide. When one host stops and another starts in the same
/// process (the tests do this), components may request a logger from the stopped host's disposed
/// logger factory. This provider then returns a logger that drops messages instead of throwing.
/// </summary>
internal sealed class HangfireLogging : ILogProvider
{
    private readonly AspNetCoreLogProvider inner;

    public HangfireLogging(Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
    {
        inner = new AspNetCoreLogProvider(loggerFactory);
    }

    public ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return new DroppedLog();
        }
    }

    private sealed class DroppedLog : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

using Microsoft.Extensions.Logging;

namespace RealVision.Cli.Logging;

/// <summary>
/// Logger factory for runs without --verbose: writes errors (and worse) to
/// standard error, one line each. Setting up the console logger of
/// Microsoft.Extensions.Logging.Console took about 30 ms of each run here
/// (options, configuration binding, a writer thread), so it is set up only
/// when the user requests the full log.
/// </summary>
internal sealed class ErrorLoggerFactory : ILoggerFactory
{
    private static readonly object WriteLock = new();

    public ILogger CreateLogger(string categoryName) => new ErrorLogger(categoryName);

    /// <summary>Ignores <paramref name="provider"/>, because this factory writes only errors, and only to standard error.</summary>
    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class ErrorLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string level = logLevel == LogLevel.Critical ? "crit" : "fail";
            string line = $"{DateTime.Now:HH:mm:ss.fff} {level}: {category}[{eventId.Id}] {formatter(state, exception)}";
            lock (WriteLock)
            {
                Console.Error.WriteLine(line);
                if (exception is not null)
                {
                    Console.Error.WriteLine(exception);
                }
            }
        }
    }
}

using Microsoft.Extensions.Logging;

namespace RealVision.Engine.Pipeline;

/// <summary>
/// Serializes progress calls from worker threads and drops reports that change
/// the fraction by less than 1 %. Logs the start of each stage at debug level.
/// </summary>
internal sealed class ProgressReporter
{
    private readonly Action<SliceProgress>? callback;
    private readonly object gate = new();
    private double last = -1;
    private readonly ILogger? logger;
    private readonly System.Diagnostics.Stopwatch stopwatch = System.Diagnostics.Stopwatch.StartNew();
    private string lastStage = "";
    private volatile string lastStageLogged = "";

    public ProgressReporter(Action<SliceProgress>? callback, ILogger? logger = null)
    {
        this.callback = callback;
        this.logger = logger;
    }

    public void Report(double fraction, string stage)
    {
        if (stage != lastStageLogged)
        {
            lock (gate)
            {
                if (stage != lastStageLogged && stage != "done")
                {
                    logger?.LogDebug("Stage {Stage} started at {Elapsed} ms", stage, stopwatch.ElapsedMilliseconds);
                    lastStageLogged = stage;
                }
            }
        }

        if (callback is null)
        {
            return;
        }

        lock (gate)
        {
            if (fraction < last || (fraction - last < 0.01 && stage == lastStage && fraction < 1))
            {
                return;
            }

            last = fraction;
            lastStage = stage;
            callback(new SliceProgress(Math.Clamp(fraction, 0, 1), stage));
        }
    }
}

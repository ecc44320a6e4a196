namespace RealVision.Engine.Pipeline;

/// <summary>Serializes progress calls from worker threads and drops reports that change the fraction by less than 1 %.</summary>
internal sealed class ProgressReporter
{
    private readonly Action<SliceProgress>? callback;
    private readonly object gate = new();
    private double last = -1;
    private string lastStage = "";

    public ProgressReporter(Action<SliceProgress>? callback)
    {
        this.callback = callback;
    }

    public void Report(double fraction, string stage)
    {
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

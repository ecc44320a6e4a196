using RealVision.Engine.Pipeline;

namespace RealVision.Cli;

/// <summary>A one-line progress bar on standard error, drawn only on a terminal.</summary>
internal sealed class ProgressBar : IDisposable
{
    private const int Width = 30;
    private readonly bool enabled;
    private bool drawn;

    public ProgressBar(bool enabled)
    {
        this.enabled = enabled;
    }

    public void Report(SliceProgress progress)
    {
        if (!enabled)
        {
            return;
        }

        int filled = (int)Math.Round(progress.Fraction * Width);
        string bar = new string('#', filled) + new string('-', Width - filled);
        Console.Error.Write($"\r[{bar}] {progress.Fraction * 100,3:0}% {progress.Stage,-20}");
        drawn = true;
    }

    public void Clear()
    {
        if (drawn)
        {
            Console.Error.Write("\r" + new string(' ', Width + 30) + "\r");
            drawn = false;
        }
    }

    public void Dispose() => Clear();
}

using System.Collections.Concurrent;

namespace RealVision.Service.Jobs;

/// <summary>A task this process is slicing: its cancellation source and latest progress.</summary>
public sealed class RunningTask
{
    public RunningTask(CancellationTokenSource cancellation)
    {
        Cancellation = cancellation;
    }

    public CancellationTokenSource Cancellation { get; }

    /// <summary>Latest reported fraction, 0..1; read by status requests of this process.</summary>
    public double Progress { get; set; }

    public string? Stage { get; set; }

    /// <summary>True once the user asked for cancellation (as opposed to a shutdown or a lost lease).</summary>
    public bool CancelledByUser { get; set; }
}

/// <summary>Tasks sliced in this process, so a cancel request stops them at once and status reads see live progress.</summary>
public sealed class RunningTasks
{
    private readonly ConcurrentDictionary<string, RunningTask> tasks = new(StringComparer.Ordinal);

    public bool TryAdd(string taskId, RunningTask task) => tasks.TryAdd(taskId, task);

    public void Remove(string taskId, RunningTask task) => tasks.TryRemove(new KeyValuePair<string, RunningTask>(taskId, task));

    public RunningTask? Find(string taskId) => tasks.TryGetValue(taskId, out RunningTask? task) ? task : null;

    /// <summary>Signals cancellation of a task sliced here; false when this process is not slicing it.</summary>
    public bool Cancel(string taskId)
    {
        if (!tasks.TryGetValue(taskId, out RunningTask? task))
        {
            return false;
        }

        task.CancelledByUser = true;
        try
        {
            task.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The slice finished between the lookup and the call.
        }

        return true;
    }

    public int Count => tasks.Count;
}

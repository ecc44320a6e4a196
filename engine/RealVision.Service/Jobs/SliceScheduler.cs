using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace RealVision.Service.Jobs;

/// <summary>
/// A task scheduler with its own threads for slicing. The engine's Parallel.For loops run on
/// TaskScheduler.Current, so a slice started here keeps all its work on these threads and never
/// starves the shared thread pool that serves HTTP requests. On Linux the threads also run at nice
/// level 10, so the kernel lets request threads preempt slicing and status reads stay fast while
/// every core slices.
/// </summary>
public sealed class SliceScheduler : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> queue = new();
    private readonly List<Thread> threads = new();

    public SliceScheduler(int threadCount)
    {
        for (int i = 0; i < Math.Max(1, threadCount); i++)
        {
            var thread = new Thread(Work)
            {
                IsBackground = true,
                Name = $"realvision-slice-{i}",
                Priority = ThreadPriority.BelowNormal,
            };
            threads.Add(thread);
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => threads.Count;

    /// <summary>Runs <paramref name="work"/> on a slicing thread and returns its result.</summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this);

    protected override void QueueTask(Task task) => queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        threads.Contains(Thread.CurrentThread) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => queue.ToArray();

    private void Work()
    {
        LowerPriority();
        try
        {
            foreach (Task task in queue.GetConsumingEnumerable())
            {
                TryExecuteTask(task);
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting: the process is stopping.
        }
    }

    public void Dispose() => queue.CompleteAdding();

    // .NET ignores Thread.Priority on Linux, but setpriority() on a thread id changes that thread's nice level.
    private static void LowerPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = SetPriority(0, GetThreadId(), 10);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without these libc calls the threads keep the default priority.
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}

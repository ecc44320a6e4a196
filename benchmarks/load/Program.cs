using System.Diagnostics;
using System.Globalization;
using RealVision.Client;

namespace RealVision.LoadTest;

/// <summary>
/// Drives a running RealVision service and prints three figures:
/// submit-to-downloadable latency on an idle service, throughput of a batch of tasks, and the
/// latency of status requests (GET /ws/tasks/{id}) sent while that batch slices.
/// Usage: RealVision.LoadTest BASE_URL KEY MODEL [--idle N] [--batch N] [--status-rate PER_SECOND].
/// Every loop is bounded by a count and by a 10-minute limit. The tool sends requests to BASE_URL only,
/// and BASE_URL must be a loopback address.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: RealVision.LoadTest BASE_URL KEY MODEL [--idle N] [--batch N] [--status-rate PER_SECOND]");
            return 2;
        }

        var baseUri = new Uri(args[0]);
        if (!baseUri.IsLoopback)
        {
            Console.Error.WriteLine($"RealVision.LoadTest: {baseUri} is not a loopback address; this tool only loads a local service.");
            return 2;
        }

        string key = args[1];
        string model = args[2];
        int idleRuns = Option(args, "--idle", 20);
        int batchSize = Option(args, "--batch", 100);
        int statusRate = Option(args, "--status-rate", 20);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        using var client = new RealVisionClient(baseUri, key);
        TaskFile file = TaskFile.FromPath(model);

        Console.WriteLine($"service {baseUri}, model {file.FileName} ({file.Content.Length} bytes), {Environment.ProcessorCount} cores on this machine");
        await WarmUpAsync(client, file, limit.Token);
        List<double> idle = await MeasureIdleAsync(client, file, idleRuns, limit.Token);
        Console.WriteLine($"idle submit-to-downloadable, {idle.Count} sequential tasks: median {Percentile(idle, 50):F0} ms, p90 {Percentile(idle, 90):F0} ms, max {idle.Max():F0} ms");

        (double perMinute, List<double> status) = await MeasureBatchAsync(client, file, batchSize, statusRate, limit.Token);
        Console.WriteLine($"throughput, {batchSize} tasks submitted at once: {perMinute:F0} tasks per minute");
        Console.WriteLine($"status requests while slicing, {status.Count} requests at up to {statusRate}/s: median {Percentile(status, 50):F1} ms, p99 {Percentile(status, 99):F1} ms, max {status.Max():F1} ms");
        return 0;
    }

    private static async Task WarmUpAsync(RealVisionClient client, TaskFile file, CancellationToken cancellationToken)
    {
        for (int i = 0; i < 3; i++)
        {
            SlicingTask task = await client.SubmitTaskAsync(new TaskRequest { Model = file }, cancellationToken);
            await client.WaitForCompletionAsync(task.TaskId, TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>Submits one task at a time and times it until its result is downloaded.</summary>
    private static async Task<List<double>> MeasureIdleAsync(RealVisionClient client, TaskFile file, int runs, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            SlicingTask task = await client.SubmitTaskAsync(new TaskRequest { Model = file }, cancellationToken);
            SlicingTask done = await client.WaitForCompletionAsync(task.TaskId, TimeSpan.FromMilliseconds(10), cancellationToken);
            if (done.Status != TaskStatuses.Completed)
            {
                throw new InvalidOperationException($"task {task.TaskId} ended as {done.Status}: {done.ErrorMessage}");
            }

            await client.DownloadAsync(task.TaskId, cancellationToken);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>
    /// Submits a batch at once and waits for all of it, while a second loop reads one task's status at
    /// a fixed rate and records each request's latency.
    /// </summary>
    private static async Task<(double PerMinute, List<double> Status)> MeasureBatchAsync(
        RealVisionClient client, TaskFile file, int batchSize, int statusRate, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        SlicingTask[] submitted = await Task.WhenAll(Enumerable.Range(0, batchSize)
            .Select(_ => client.SubmitTaskAsync(new TaskRequest { Model = file }, cancellationToken)));
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var latencies = new List<double>();
        Task poller = PollStatusAsync(client, submitted[^1].TaskId, statusRate, latencies, polling.Token);

        var pending = submitted.Select(t => t.TaskId).ToHashSet();
        while (pending.Count > 0)
        {
            foreach (SlicingTask task in await client.ListTasksAsync(1000, cancellationToken))
            {
                if (pending.Contains(task.TaskId) && task.IsFinal)
                {
                    if (task.Status != TaskStatuses.Completed)
                    {
                        throw new InvalidOperationException($"task {task.TaskId} ended as {task.Status}: {task.ErrorMessage}");
                    }

                    pending.Remove(task.TaskId);
                }
            }

            await Task.Delay(250, cancellationToken);
        }

        double minutes = stopwatch.Elapsed.TotalMinutes;
        polling.Cancel();
        await poller;
        return (batchSize / minutes, latencies);
    }

    private static async Task PollStatusAsync(RealVisionClient client, string taskId, int rate, List<double> latencies, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var stopwatch = Stopwatch.StartNew();
                await client.GetTaskAsync(taskId, cancellationToken);
                latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
                TimeSpan rest = interval - stopwatch.Elapsed;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The batch finished.
        }
    }

    private static double Percentile(List<double> values, double percent)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int index = (int)Math.Ceiling(percent / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

using RealVision.Client;

namespace RealVision.Service.Tests.Support;

/// <summary>Polling helpers with time limits.</summary>
public static class Waits
{
    public static async Task ForStatusAsync(RealVisionClient client, string taskId, string status, int timeoutSeconds = 60)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(timeoutSeconds))
        {
            SlicingTask task = await client.GetTaskAsync(taskId);
            if (task.Status == status)
            {
                return;
            }

            Assert.False(task.IsFinal, $"task {taskId} ended as {task.Status} while waiting for {status}");
            await Task.Delay(20);
        }

        Assert.Fail($"task {taskId} did not become {status} within {timeoutSeconds} s");
    }
}

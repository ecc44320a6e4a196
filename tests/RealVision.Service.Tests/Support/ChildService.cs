using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RealVision.Service.Tests.Support;

/// <summary>
/// The service or a worker as a child process (`dotnet RealVision.Service.dll ...`), for tests that
/// kill it by its process id. Standard output and error are collected line by line.
/// </summary>
public sealed partial class ChildService : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildService(IEnumerable<string> arguments, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RealVision.Service.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The child process exited with code {process.ExitCode} before listening:\n{Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public string Output => string.Join("\n", lines);

    public IReadOnlyList<string> Lines => lines.ToList();

    /// <summary>Starts `serve` on 127.0.0.1 with a free port and waits until it listens.</summary>
    public static async Task<(ChildService Service, Uri BaseUri)> StartServeAsync(
        string dataFolder, IEnumerable<string>? extraArguments = null, IDictionary<string, string>? environment = null)
    {
        var arguments = new List<string> { "serve", "--urls", "http://127.0.0.1:0", "--data", dataFolder };
        arguments.AddRange(extraArguments ?? Array.Empty<string>());
        var child = new ChildService(arguments, environment);
        Task finished = await Task.WhenAny(child.listening.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != child.listening.Task)
        {
            child.Kill();
            throw new TimeoutException($"The service did not start within 60 s:\n{child.Output}");
        }

        return (child, await child.listening.Task);
    }

    /// <summary>Starts `worker` with the given arguments; it has no HTTP endpoint to wait for.</summary>
    public static ChildService StartWorker(IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        new(new[] { "worker" }.Concat(arguments), environment);

    /// <summary>Kills the process and its children by process id, as a crash would end it.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        Match match = ListeningLine().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }
    }

    [GeneratedRegex(@"RealVision service listening on (http://\S+)")]
    private static partial Regex ListeningLine();

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}

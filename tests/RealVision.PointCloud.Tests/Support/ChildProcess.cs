using System.Diagnostics;
using RealVision.Abstractions.Errors;
using RealVision.Engine;

namespace RealVision.PointCloud.Tests.Support;

/// <summary>
/// Runs this test assembly as a separate process, so a test can change where
/// the OpenCL loader finds drivers (OCL_ICD_VENDORS), which a process reads only once.
/// </summary>
public static class ChildProcess
{
    /// <summary>Entry point of the child: slice WORKSPACE NX,NY,NZ OPENCL; prints "OK bytes" or "ERROR code message".</summary>
    public static int Main(string[] args)
    {
        if (args.Length != 4 || args[0] != "slice")
        {
            Console.Error.WriteLine("usage: slice WORKSPACE NX,NY,NZ OPENCL");
            return 2;
        }

        int[] dimensions = args[2].Split(',').Select(int.Parse).ToArray();
        var engine = ServiceCollectionExtensions.CreateEngine();
        using var output = new MemoryStream();
        try
        {
            engine.Slice(SliceFixture.Request(args[1], dimensions, null, ("opencl", args[3])), output);
            Console.WriteLine($"OK {output.Length}");
            return 0;
        }
        catch (RealVisionException ex)
        {
            Console.WriteLine($"ERROR {ex.ErrorCode} written={output.Length} {ex.Message}");
            return 3;
        }
    }

    /// <summary>Runs the child with extra environment variables and returns its exit code and standard output.</summary>
    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        string assembly = typeof(ChildProcess).Assembly.Location;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The child process did not finish within 3 minutes.");
        }

        return (process.ExitCode, text + error.Result);
    }
}

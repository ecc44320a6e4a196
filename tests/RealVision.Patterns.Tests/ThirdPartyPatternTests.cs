using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RealVision.Engine;
using RealVision.Engine.Plugins;
using RealVision.Patterns.Tests.Support;
using Xunit.Abstractions;

namespace RealVision.Patterns.Tests;

/// <summary>
/// Builds the example in examples/third-party-pattern with the dotnet CLI, as a
/// researcher would outside the engine's solution, then loads it from its
/// output folder and slices with it.
/// </summary>
public sealed class ThirdPartyPatternTests : IClassFixture<CubeSlicer>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private readonly CubeSlicer cube;
    private readonly ITestOutputHelper output;

    public ThirdPartyPatternTests(CubeSlicer cube, ITestOutputHelper output)
    {
        this.cube = cube;
        this.output = output;
    }

    [Fact]
    public void Example_BuildsLoadsAndSlices()
    {
        string source = Path.Combine(cube.Folder, "third-party-pattern");
        string pluginFolder = Path.Combine(cube.Folder, "waves-plugin");
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "third-party-pattern"), source);

        // Compile against the engine assemblies beside the tests, as against an installed engine.
        (int exitCode, string log) = RunDotnet(
            "build", Path.Combine(source, "ThirdParty.Waves.csproj"),
            "-c", "Release", "-o", pluginFolder, "-nologo", "-nodeReuse:false",
            "-p:UseSharedCompilation=false", $"-p:RealVisionDir={AppContext.BaseDirectory}");
        Assert.True(exitCode == 0, $"dotnet build of the example failed with exit code {exitCode}:\n{log}");
        Assert.True(File.Exists(Path.Combine(pluginFolder, "ThirdParty.Waves.dll")), log);
        Assert.False(File.Exists(Path.Combine(pluginFolder, "RealVision.Abstractions.dll")), "the plugin output must not carry its own RealVision.Abstractions.dll");

        PluginCatalog catalog = PluginHost.Load(new[] { pluginFolder }, NullLogger.Instance, requireFolders: true);
        Assert.Empty(catalog.Failures);
        Assert.NotNull(catalog.FindInfillPattern("waves"));

        var engine = ServiceCollectionExtensions.CreateEngine(options =>
        {
            options.PluginFolders.Add(pluginFolder);
            options.RequirePluginFolders = true;
        });
        var gcode = cube.Slice(engine, ("infill_pattern", "waves"), ("infill_density", "0.2"));

        Dictionary<int, double> volumes = CubeSlicer.SparseFillVolumeByLayer(gcode);
        Assert.Equal(CubeSlicer.SparseLayerCount, volumes.Count);
        double expected = 0.2 * CubeSlicer.InnerAreaMm2 * CubeSlicer.LayerHeightMm * CubeSlicer.SparseLayerCount;
        double ratio = volumes.Values.Sum() / expected;
        output.WriteLine(FormattableString.Invariant($"waves at 0.2: volume ratio {ratio:F4}"));
        Assert.InRange(ratio, 0.95, 1.05);
    }

    private static (int ExitCode, string Log) RunDotnet(params string[] arguments)
    {
        string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(hostPath is not null && File.Exists(hostPath) ? hostPath : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host may inherit MSBuild settings of the build that started it; the nested build must not.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"dotnet build timed out after {BuildTimeout.TotalMinutes} minutes.\n{stdout.Result}{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

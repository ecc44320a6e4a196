using System.Diagnostics;
using RealVision.Abstractions.Errors;
using RealVision.Engine.Pipeline;
using RealVision.Engine.Tests.Support;

namespace RealVision.Engine.Tests;

public sealed class BadInputTests : IClassFixture<EngineFixture>
{
    private readonly EngineFixture fixture;

    public BadInputTests(EngineFixture fixture)
    {
        this.fixture = fixture;
    }

    public static TheoryData<string, string[], string, int> CliCases() => new()
    {
        // name, arguments after the input, expected code in the message, exit code
        { "missing.stl", Array.Empty<string>(), "URE006", 3 },
        { "model.obj", Array.Empty<string>(), "URE001", 3 },
        { "empty.stl", Array.Empty<string>(), "URE000", 3 },
        { "cube.stl", new[] { "--config", "empty.xml" }, "URE004", 3 },
        { "cube.stl", new[] { "--config", "printer.txt" }, "URE002", 3 },
        { "cube.stl", new[] { "--printer", "Unknown 9000" }, "URE003", 3 },
        { "offbed.rvwj", Array.Empty<string>(), "URE000", 3 },
        { "cube.stl", new[] { "--set", "infill_density=1.5" }, "RV001", 3 },
        { "cube.stl", new[] { "--set", "layer_height=0" }, "RV001", 3 },
        { "cube.stl", new[] { "--set", "no_such_setting=1" }, "RV001", 3 },
        { "cube.stl", new[] { "--set", "layer_height" }, "key=value", 2 },
        { "cube.stl", new[] { "--printer", "CR-10", "--preset", "Draft" }, "URE003", 3 },
        { "cube.stl", new[] { "--set", "output_format=fcode" }, "RV004", 3 },
    };

    [Theory]
    [MemberData(nameof(CliCases))]
    public void Cli_RejectsBadInputAndWritesNothing(string input, string[] extra, string expected, int exitCode)
    {
        string folder = Directory.CreateTempSubdirectory("realvision-bad-").FullName;
        try
        {
            WriteInputs(folder);
            string output = Path.Combine(folder, "out.gcode");
            var arguments = new List<string> { "slice", Path.Combine(folder, input), "-o", output };
            arguments.AddRange(extra.Select(a => a.EndsWith(".xml") || a.EndsWith(".txt") ? Path.Combine(folder, a) : a));

            var (code, stdout, stderr) = RunCli(folder, arguments);

            Assert.Equal(exitCode, code);
            Assert.Contains(expected, stderr);
            Assert.DoesNotContain("Wrote", stdout);
            Assert.Equal(new[] { "cube.stl", "empty.stl", "empty.xml", "model.obj", "offbed.rvwj", "printer.txt" },
                Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Cli_RefusesToOverwriteInput()
    {
        string folder = Directory.CreateTempSubdirectory("realvision-same-").FullName;
        try
        {
            WriteInputs(folder);
            string input = Path.Combine(folder, "cube.stl");
            byte[] before = File.ReadAllBytes(input);
            var (code, _, stderr) = RunCli(folder, new[] { "slice", input, "-o", input });

            Assert.Equal(2, code);
            Assert.Contains("is the input file", stderr);
            Assert.Equal(before, File.ReadAllBytes(input));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Cli_WorkspaceAndPointCloudRoundTrip()
    {
        string folder = Directory.CreateTempSubdirectory("realvision-ws-").FullName;
        try
        {
            // A 20 mm cube inside a box modifier whose shore values rise along X, written by the two commands, then sliced.
            string cube = TestMeshes.WriteAsciiStl(Path.Combine(folder, "cube.stl"), TestMeshes.Box(0, 0, 0, 20, 20, 20));
            var (pcCode, _, pcError) = RunCli(folder, new[] { "pointcloud", "--formula", "20 + 60 * x", "--dimensions", "4,4,2", "-o", Path.Combine(folder, "hardness.pc") });
            Assert.True(pcCode == 0, pcError);
            Assert.Equal(4 * 4 * 2 * 8, new FileInfo(Path.Combine(folder, "hardness.pc")).Length);

            string workspace = Path.Combine(folder, "cube.rvwj");
            var (wsCode, _, wsError) = RunCli(folder, new[] { "workspace", cube, "--pointcloud", Path.Combine(folder, "hardness.pc"), "-o", workspace });
            Assert.True(wsCode == 0, wsError);
            Assert.Contains("\"FileReference\":\"hardness.pc\"", File.ReadAllText(workspace).Replace(" ", ""));

            var (code, stdout, stderr) = RunCli(folder, new[] { "slice", workspace, "--array-dimensions", "4,4,2", "-o", Path.Combine(folder, "cube.gcode") });
            Assert.True(code == 0, stderr);
            Assert.Contains("layers:          100", stdout);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SettingsDoc_MatchesRegistry()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RealVision.Engine.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("repository root not found above the test folder");
        }

        var (code, stdout, _) = RunCli(root, new[] { "settings", "--markdown" });
        string doc = File.ReadAllText(Path.Combine(root, "docs", "settings.md")).ReplaceLineEndings("\n");

        Assert.Equal(0, code);
        Assert.EndsWith(stdout.ReplaceLineEndings("\n"), doc);
    }

    [Fact]
    public void Cli_SlicesAndPrintsSummary()
    {
        string folder = Directory.CreateTempSubdirectory("realvision-cli-").FullName;
        try
        {
            WriteInputs(folder);
            var (code, stdout, _) = RunCli(folder, new[] { "slice", Path.Combine(folder, "cube.stl"), "-o", Path.Combine(folder, "cube.gcode") });

            Assert.Equal(0, code);
            Assert.Contains("layers:          100", stdout);
            Assert.True(File.Exists(Path.Combine(folder, "cube.gcode")));
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Engine_RejectsLayerTallerThanNozzle()
    {
        var ex = Assert.Throws<SettingsException>(() =>
            fixture.Slice(EngineFixture.Data("20mm_cube.stl"), ("layer_height", "0.5")));
        Assert.Contains("layer_height", ex.Message);
        Assert.Contains("0.5", ex.Message);
    }

    [Fact]
    public void Engine_RejectsModelBelowHalfFirstLayer()
    {
        string input = TestMeshes.WriteAsciiStl(Path.Combine(fixture.Folder, "sheet.stl"), TestMeshes.Box(0, 0, 0, 20, 20, 0.05));
        var ex = Assert.Throws<InputException>(() => fixture.Slice(input));
        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("no layer", ex.Message);
    }

    [Fact]
    public void Engine_ReportsProgressUpToOne()
    {
        var reports = new List<SliceProgress>();
        using var output = new MemoryStream();
        fixture.Engine.Slice(new SliceRequest { InputPath = EngineFixture.Data("calicat.stl") }, output, reports.Add);

        Assert.NotEmpty(reports);
        Assert.Equal(1.0, reports[^1].Fraction);
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].Fraction >= reports[i - 1].Fraction, "progress went backwards");
        }
    }

    [Fact]
    public void Engine_StopsWhenCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        using var output = new MemoryStream();
        Assert.ThrowsAny<OperationCanceledException>(() => fixture.Engine.Slice(
            new SliceRequest { InputPath = EngineFixture.Data("calicat.stl") },
            output,
            progress => { if (progress.Fraction > 0.1) cancellation.Cancel(); },
            cancellation.Token));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Engine_ParsesSettingsJson()
    {
        var settings = SliceRequest.SettingsFromJson("{\"layer_height\": 0.1, \"outer_wall_first\": true, \"infill_pattern\": \"lines\"}");
        Assert.Equal("0.1", settings["layer_height"]);
        Assert.Equal("true", settings["outer_wall_first"]);
        Assert.Throws<SettingsException>(() => SliceRequest.SettingsFromJson("{not json"));
        Assert.Throws<SettingsException>(() => SliceRequest.SettingsFromJson("[1, 2]"));
    }

    private static void WriteInputs(string folder)
    {
        TestMeshes.WriteAsciiStl(Path.Combine(folder, "cube.stl"), TestMeshes.Box(0, 0, 0, 20, 20, 20));
        File.WriteAllText(Path.Combine(folder, "model.obj"), "v 0 0 0\n");
        File.WriteAllText(Path.Combine(folder, "empty.stl"), "");
        File.WriteAllText(Path.Combine(folder, "empty.xml"), "  \n");
        File.WriteAllText(Path.Combine(folder, "printer.txt"), "<Workstation/>");

        // cubetest.rvwj moved 200 mm along X: off the 220 mm bed of the default printer.
        string workspace = File.ReadAllText(EngineFixture.Data("cubetest.rvwj"));
        string moved = System.Text.RegularExpressions.Regex.Replace(workspace, "\"X\": (\\d+)", m => $"\"X\": {int.Parse(m.Groups[1].Value) + 200}");
        File.WriteAllText(Path.Combine(folder, "offbed.rvwj"), moved);
    }

    private static (int Code, string Stdout, string Stderr) RunCli(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "realvision.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("realvision did not finish within 120 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

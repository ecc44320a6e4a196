using RealVision.PointCloud.Tests.Support;

namespace RealVision.PointCloud.Tests;

/// <summary>
/// The opencl setting on a machine without any OpenCL platform, simulated in
/// a child process whose OpenCL loader (ocl-icd) reads its drivers from an
/// empty folder (OCL_ICD_VENDORS).
/// </summary>
public sealed class OpenClSettingTests : IClassFixture<SliceFixture>
{
    private readonly SliceFixture fixture;

    public OpenClSettingTests(SliceFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public void On_WithoutPlatform_FailsClearlyAndWritesNothing()
    {
        (int exitCode, string output) = ChildProcess.Run(NoPlatform(), "slice", Workspace(), "3,3,3", "on");

        Assert.Equal(3, exitCode);
        Assert.Contains("ERROR RV001 written=0", output);
        Assert.Contains("'opencl' is 'on'", output);
        Assert.Contains("no OpenCL platform is installed", output);
    }

    [Fact]
    public void Auto_WithoutPlatform_SlicesInManagedCode()
    {
        (int exitCode, string output) = ChildProcess.Run(NoPlatform(), "slice", Workspace(), "3,3,3", "auto");

        Assert.True(exitCode == 0, output);
        Assert.StartsWith("OK ", output);
    }

    private Dictionary<string, string> NoPlatform() =>
        new() { ["OCL_ICD_VENDORS"] = Directory.CreateDirectory(fixture.Path("no-icd")).FullName };

    private string Workspace()
    {
        string folder = Directory.CreateDirectory(fixture.Path("child-" + Guid.NewGuid().ToString("N"))).FullName;
        ShoreFiles.Write(Path.Combine(folder, "shore.pc"), 3, 3, 3, (i, _, _) => 20 + 30 * i);
        return Solids.WriteWorkspace(Path.Combine(folder, "ws.rvwj"),
            Solids.Model("cube.stl", Solids.Box(100, 100, 0, 110, 110, 4)),
            Solids.Model("shell.stl", Solids.Box(100, 100, 0, 110, 110, 4), 2, "shore.pc"));
    }
}

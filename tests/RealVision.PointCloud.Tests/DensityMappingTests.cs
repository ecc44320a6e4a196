using RealVision.Abstractions.Errors;
using RealVision.Modifiers.PointCloud;

namespace RealVision.PointCloud.Tests;

public sealed class DensityMappingTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(100, 1.0)]
    [InlineData(50, 0.5)]
    [InlineData(12, 0.10)] // 0.12 is nearer 0.10 than 0.15
    [InlineData(33, 0.35)] // 0.33 is nearer 0.35 than 0.30
    [InlineData(88, 0.90)]
    [InlineData(250, 1.0)] // above shore_max: clamped
    public void Defaults_MapShoreAToDensityInFivePercentSteps(double shore, double expected)
    {
        var mapping = DensityMapping.FromSettings(new Dictionary<string, string>());

        Assert.Equal(expected, mapping.Density(mapping.Level(shore)), 12);
    }

    [Theory]
    [InlineData(20, 0.2)]
    [InlineData(10, 0.2)] // below shore_min: clamped to density_min
    [InlineData(50, 0.4)]
    [InlineData(62, 0.5)] // 0.2 + 0.7 * 0.4 = 0.48, nearest tenth 0.5
    [InlineData(80, 0.6)]
    [InlineData(95, 0.6)]
    public void Settings_ChangeRangesAndStep(double shore, double expected)
    {
        var mapping = DensityMapping.FromSettings(new Dictionary<string, string>
        {
            ["pointcloud_shore_min"] = "20",
            ["pointcloud_shore_max"] = "80",
            ["pointcloud_density_min"] = "0.2",
            ["pointcloud_density_max"] = "0.6",
            ["pointcloud_density_step"] = "0.1",
        });

        Assert.Equal(expected, mapping.Density(mapping.Level(shore)), 12);
    }

    [Fact]
    public void StepNotDividingOne_NeverExceedsOne()
    {
        var mapping = DensityMapping.FromSettings(new Dictionary<string, string> { ["pointcloud_density_step"] = "0.3" });

        Assert.Equal(0.9, mapping.Density(mapping.Level(100)), 12);
        Assert.Equal(0.9, mapping.Density(mapping.Level(95)), 12);
    }

    [Fact]
    public void ShoreMaxNotAboveMin_IsRejected()
    {
        var ex = Assert.Throws<SettingsException>(() => DensityMapping.FromSettings(new Dictionary<string, string>
        {
            ["pointcloud_shore_min"] = "60",
            ["pointcloud_shore_max"] = "60",
        }));

        Assert.Equal("RV001", ex.ErrorCode);
        Assert.Contains("pointcloud_shore_max", ex.Message);
        Assert.Contains("pointcloud_shore_min", ex.Message);
    }

    [Fact]
    public void TinyStep_IsRejected()
    {
        var ex = Assert.Throws<SettingsException>(() =>
            DensityMapping.FromSettings(new Dictionary<string, string> { ["pointcloud_density_step"] = "1e-9" }));

        Assert.Contains("pointcloud_density_step", ex.Message);
        Assert.Contains("1E-09", ex.Message);
    }
}

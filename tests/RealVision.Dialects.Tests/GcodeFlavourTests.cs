using System.Globalization;
using System.Text;
using RealVision.Dialects.Gcode;

namespace RealVision.Dialects.Tests;

/// <summary>The shipped flavours: output that an independent reader accepts, and the firmware-specific commands each setting requests.</summary>
public sealed class GcodeFlavourTests
{
    public static TheoryData<string> Flavours => new() { "marlin", "klipper", "reprapfirmware" };

    private static GcodeCheck Slice(string flavour, params (string Key, string Value)[] settings)
    {
        byte[] bytes = TestJobs.Write(new GcodeDialect(), TestJobs.Job(flavour, null, settings));
        return GcodeCheck.Parse(Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Output_HasLayersAndExtrusion(string flavour)
    {
        GcodeCheck gcode = Slice(flavour);

        Assert.Equal(TestJobs.LayerCount, gcode.Layers);
        double expected = TestJobs.FilamentMm(TestJobs.Layers(), 1.75);
        Assert.Equal(expected, gcode.TotalExtrusion, 2);
        for (int layer = 0; layer < TestJobs.LayerCount; layer++)
        {
            Assert.True(gcode.ExtrusionByLayer.GetValueOrDefault(layer) > 0, $"layer {layer} has no extrusion");
            Assert.Equal(new[] { Math.Round(0.2 + 0.2 * layer, 3) }, gcode.ExtrusionZ[layer]);
        }
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Output_UsesOnlyFirmwareCommands(string flavour)
    {
        var everyOption = new[]
        {
            ("firmware_retraction", "true"), ("pressure_advance", "0.05"), ("travel_acceleration", "3000"),
            ("progress_report", "true"), ("z_hop", "0.4"),
        };

        foreach (var settings in new[] { Array.Empty<(string, string)>(), everyOption })
        {
            GcodeCheck gcode = Slice(flavour, settings);
            IReadOnlySet<string> known = FirmwareCommands.For(flavour);
            string[] unknown = gcode.Commands.Where(c => !known.Contains(c)).Order().ToArray();
            Assert.True(unknown.Length == 0, $"{flavour} wrote commands outside its firmware's list: {string.Join(", ", unknown)}");
        }
    }

    [Theory]
    [InlineData("marlin")]
    [InlineData("klipper")]
    [InlineData("reprapfirmware")]
    public void FirmwareRetraction_UsesG10G11(string flavour)
    {
        GcodeCheck plain = Slice(flavour);
        GcodeCheck firmware = Slice(flavour, ("firmware_retraction", "true"));

        // One retracted travel per layer plus the end block's retraction.
        Assert.Equal(TestJobs.LayerCount + 1, plain.EOnlyRetractions);
        // RepRapFirmware's G10 with P sets tool temperatures; only a bare G10 retracts.
        Assert.DoesNotContain(plain.Lines("G10"), l => !l.Contains(" P"));
        Assert.Equal(0, firmware.EOnlyRetractions);
        Assert.Equal(TestJobs.LayerCount + 1, firmware.Lines("G10").Count(l => !l.Contains(" P")));
        Assert.Equal(TestJobs.LayerCount, firmware.Lines("G11").Count());
    }

    [Fact]
    public void FirmwareRetraction_ConfiguresLengthAndSpeed()
    {
        var settings = new[] { ("firmware_retraction", "true"), ("retraction_length", "0.8"), ("retraction_speed", "35") };

        Assert.Contains("M207 S0.8 F2100 Z0", Slice("marlin", settings).CommandLines);
        Assert.Contains("SET_RETRACTION RETRACT_LENGTH=0.8 RETRACT_SPEED=35 UNRETRACT_SPEED=35", Slice("klipper", settings).CommandLines);
        Assert.Contains("M207 S0.8 F2100 T2100 Z0", Slice("reprapfirmware", settings).CommandLines);
    }

    [Theory]
    [InlineData("marlin", "M900 K0.045")]
    [InlineData("klipper", "SET_PRESSURE_ADVANCE ADVANCE=0.045")]
    [InlineData("reprapfirmware", "M572 D0 S0.045")]
    public void PressureAdvance_FromSetting(string flavour, string expected)
    {
        Assert.Contains(expected, Slice(flavour, ("pressure_advance", "0.045")).CommandLines);

        // 0 leaves the firmware's own value alone.
        string command = expected.Split(' ')[0];
        Assert.DoesNotContain(command, Slice(flavour).Commands);
    }

    [Theory]
    [InlineData("marlin", "0", "M204 S1500")]
    [InlineData("marlin", "4000", "M204 P1500 T4000")]
    [InlineData("klipper", "0", "SET_VELOCITY_LIMIT ACCEL=1500")]
    [InlineData("reprapfirmware", "0", "M204 P1500 T1500")]
    [InlineData("reprapfirmware", "4000", "M204 P1500 T4000")]
    public void Acceleration_FromSettings(string flavour, string travel, string expected)
    {
        GcodeCheck gcode = Slice(flavour, ("acceleration", "1500"), ("travel_acceleration", travel));

        Assert.Contains(expected, gcode.CommandLines);
    }

    [Fact]
    public void Marlin_WaitsWithM190M109()
    {
        GcodeCheck gcode = Slice("marlin", ("bed_temperature", "65"));

        Assert.Contains("M190 S65", gcode.CommandLines);
        Assert.Contains("M109 S210", gcode.CommandLines);
    }

    [Fact]
    public void Marlin_UnheatedBedIsNotAwaited()
    {
        GcodeCheck gcode = Slice("marlin", ("bed_temperature", "0"));

        Assert.DoesNotContain("M190", gcode.Commands);
    }

    [Fact]
    public void Klipper_WaitsWithTemperatureWait()
    {
        GcodeCheck gcode = Slice("klipper", ("bed_temperature", "65"));

        Assert.Contains("TEMPERATURE_WAIT SENSOR=heater_bed MINIMUM=65", gcode.CommandLines);
        Assert.Contains("TEMPERATURE_WAIT SENSOR=extruder MINIMUM=210", gcode.CommandLines);
        Assert.DoesNotContain("M109", gcode.Commands);
        Assert.DoesNotContain("M190", gcode.Commands);
        Assert.Contains($"SET_PRINT_STATS_INFO TOTAL_LAYER={TestJobs.LayerCount}", gcode.CommandLines);
        Assert.Equal(TestJobs.LayerCount, gcode.Lines("SET_PRINT_STATS_INFO").Count(l => l.Contains("CURRENT_LAYER=")));
    }

    [Fact]
    public void Klipper_StartMacroReplacesHeating()
    {
        GcodeCheck gcode = Slice("klipper", ("start_macro", "PRINT_START"), ("end_macro", "PRINT_END"), ("bed_temperature", "65"));

        Assert.Contains("PRINT_START BED_TEMP=65 EXTRUDER_TEMP=210", gcode.CommandLines);
        Assert.Contains("PRINT_END", gcode.CommandLines);
        Assert.DoesNotContain("TEMPERATURE_WAIT", gcode.Commands);
        Assert.DoesNotContain("G28", gcode.Commands);
        Assert.DoesNotContain("TURN_OFF_HEATERS", gcode.Commands);
    }

    [Fact]
    public void RepRapFirmware_ToolTemperaturesAndM116()
    {
        GcodeCheck gcode = Slice("reprapfirmware");

        Assert.Contains("G10 P0 S210 R210", gcode.CommandLines);
        Assert.Contains("T0", gcode.Commands);
        Assert.Contains("M116", gcode.Commands);
        Assert.DoesNotContain("M109", gcode.Commands);
        Assert.DoesNotContain("M104", gcode.Commands);

        // Layer 1 drops to 200 °C through the tool's active temperature.
        Assert.Contains("G10 P0 S200", gcode.CommandLines);

        // RepRapFirmware takes the fan as a fraction.
        Assert.Contains("M106 S1", gcode.CommandLines);
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Progress_M73EveryLayer(string flavour)
    {
        GcodeCheck gcode = Slice(flavour);
        var progress = gcode.Lines("M73")
            .Select(l => int.Parse(l.Split(' ').First(w => w.StartsWith('P'))[1..], CultureInfo.InvariantCulture))
            .ToList();

        // Each layer takes the same time, so layer i starts at i / count of the print.
        var expected = Enumerable.Range(0, TestJobs.LayerCount).Select(i => 100 * i / TestJobs.LayerCount).ToList();
        Assert.Equal(expected, progress);
        Assert.Empty(Slice(flavour, ("progress_report", "false")).Lines("M73"));
    }

    [Fact]
    public void Marlin_M73RemainingMinutes()
    {
        GcodeCheck gcode = Slice("marlin");
        var remaining = gcode.Lines("M73").Select(l => l.Split(' ').First(w => w.StartsWith('R'))).ToList();

        // 4 layers of 30 s: 120, 90, 60 and 30 s left, rounded up to whole minutes.
        Assert.Equal(new[] { "R2", "R2", "R1", "R1" }, remaining);
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Fan_AndTemperature_PerLayer(string flavour)
    {
        GcodeCheck gcode = Slice(flavour);

        // The fan turns on once, on layer 1; the nozzle changes once, on layer 1.
        int fanOn = gcode.Lines("M106").Count(l => l != "M106 S0");
        Assert.Equal(1, fanOn);
        int temperatureChanges = gcode.CommandLines.Count(l => l == "M104 S200" || l.StartsWith("G10 P0 S200", StringComparison.Ordinal));
        Assert.Equal(1, temperatureChanges);
    }
}

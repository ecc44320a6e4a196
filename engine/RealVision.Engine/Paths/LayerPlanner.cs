using RealVision.Abstractions.Plugins;
using RealVision.Abstractions.Toolpaths;
using RealVision.Engine.Regions;
using RealVision.Engine.Settings;
using RealVision.Engine.Slicing;
using RealVision.Geometry;
using RealVision.Geometry.Fill;

namespace RealVision.Engine.Paths;

/// <summary>A layer's toolpath with the totals the statistics need.</summary>
public sealed record PlannedLayer(LayerToolpath Toolpath, double ExtrudedVolumeMm3, double[] BoundsMm);

/// <summary>
/// Turns a layer's regions into an ordered toolpath: skirt first, then island
/// by island its walls, skin and infill, with travels and retractions between.
/// </summary>
public sealed class LayerPlanner
{
    private readonly ResolvedSettings settings;
    private readonly IInfillPattern infillPattern;
    private readonly Func<string, IInfillPattern> patterns;
    private readonly LayerHeights heights;
    private readonly long lineWidth;
    private readonly double acceleration;
    private readonly double travelSpeed;
    private readonly double retractionLength;
    private readonly double retractionSpeed;
    private readonly double retractionMinTravel;
    private readonly bool outerWallFirst;
    private readonly FeatureSpeeds speeds;

    public LayerPlanner(
        ResolvedSettings settings, IInfillPattern infillPattern, LayerHeights heights, Func<string, IInfillPattern>? patterns = null)
    {
        this.settings = settings;
        this.infillPattern = infillPattern;
        this.patterns = patterns ?? (name => throw new InvalidOperationException($"No infill pattern '{name}' was given to the planner."));
        this.heights = heights;
        lineWidth = settings.Micrometres("line_width");
        acceleration = settings.Number("acceleration");
        travelSpeed = settings.Number("speed_travel");
        retractionLength = settings.Number("retraction_length");
        retractionSpeed = settings.Number("retraction_speed");
        retractionMinTravel = settings.Number("retraction_min_travel") * 1000.0;
        outerWallFirst = settings.Boolean("outer_wall_first");
        speeds = new FeatureSpeeds(
            settings.Number("speed_first_layer"),
            settings.Number("speed_outer_wall"),
            settings.Number("speed_inner_wall"),
            settings.Number("speed_skin"),
            settings.Number("speed_infill"));
    }

    public PlannedLayer Plan(LayerRegions regions, Paths64? skirt)
    {
        int index = regions.Index;
        var builder = new ToolpathBuilder(this, index, new OutlineCrossing(regions.Outline));
        Point64 position = new(0, 0);

        if (skirt is { Count: > 0 })
        {
            foreach (Path64 loop in PathOrder.Loops(skirt, ref position))
            {
                builder.AddPath(Feature.Skirt, loop, closed: true, Speed(Feature.Skirt, index));
            }
        }

        var islands = new IslandLocator(regions.Outline);
        var groups = GroupByIsland(regions, islands);
        foreach (int island in OrderIslands(islands, position))
        {
            IslandPaths group = groups[island];
            AddWalls(builder, group, index, ref position);
            foreach ((Path64 loop, long width) in group.ThinWalls)
            {
                builder.AddPath(Feature.OuterWall, loop, closed: true, Speed(Feature.OuterWall, index), width);
            }

            foreach (Path64 line in PathOrder.Lines(group.Skin, ref position))
            {
                builder.AddPath(Feature.Skin, line, closed: false, Speed(Feature.Skin, index));
            }

            foreach (Path64 line in PathOrder.Lines(group.Infill, ref position))
            {
                builder.AddPath(Feature.Infill, line, closed: false, Speed(Feature.Infill, index));
            }
        }

        return builder.Build();
    }

    private void AddWalls(ToolpathBuilder builder, IslandPaths group, int layerIndex, ref Point64 position)
    {
        int wallCount = group.Walls.Count;
        bool outerFirst = outerWallFirst;
        for (int step = 0; step < wallCount; step++)
        {
            int wall = outerFirst ? step : wallCount - 1 - step;
            Feature feature = wall == 0 ? Feature.OuterWall : Feature.InnerWall;
            foreach (Path64 loop in PathOrder.Loops(group.Walls[wall], ref position))
            {
                builder.AddPath(feature, loop, closed: true, Speed(feature, layerIndex));
            }
        }
    }

    private List<IslandPaths> GroupByIsland(LayerRegions regions, IslandLocator islands)
    {
        var groups = new List<IslandPaths>();
        for (int i = 0; i < Math.Max(1, islands.Count); i++)
        {
            groups.Add(new IslandPaths());
        }

        for (int wall = 0; wall < regions.Walls.Count; wall++)
        {
            foreach (Path64 loop in regions.Walls[wall])
            {
                List<Paths64> walls = groups[islands.Find(loop[0])].Walls;
                while (walls.Count <= wall)
                {
                    walls.Add(new Paths64());
                }

                walls[wall].Add(loop);
            }
        }

        foreach ((Path64 loop, long width) in regions.ThinWalls)
        {
            groups[islands.Find(loop[0])].ThinWalls.Add((loop, width));
        }

        int layer = regions.Index;
        double skinAngle = settings.Number("skin_angle") + (layer % 2 == 0 ? 0 : 90);
        foreach (Path64 line in ParallelLines.Generate(regions.Skin, lineWidth, skinAngle))
        {
            groups[islands.Find(Midpoint(line))].Skin.Add(line);
        }

        var zones = new List<InfillZone> { new(regions.Modifiers ? regions.DefaultInfill : regions.Infill, settings.Number("infill_density")) };
        zones.AddRange(regions.ModifiedInfill);
        foreach (InfillZone zone in zones)
        {
            if (zone.Density <= 0 || zone.Area.Count == 0)
            {
                continue;
            }

            IInfillPattern pattern = zone.Pattern is null ? infillPattern : patterns(zone.Pattern);
            var request = new InfillRequest
            {
                Area = zone.Area,
                Density = Math.Min(zone.Density, 1),
                LineWidth = lineWidth,
                AngleDegrees = settings.Number("infill_angle"),
                LayerIndex = layer,
                Z = heights.SlicePlane(layer),
                LayerHeight = heights.Thickness(layer),
            };
            foreach (Path64 line in pattern.Generate(request))
            {
                if (line.Count >= 2)
                {
                    groups[islands.Find(Midpoint(line))].Infill.Add(line);
                }
            }
        }

        return groups;
    }

    private static IEnumerable<int> OrderIslands(IslandLocator islands, Point64 start)
    {
        var remaining = Enumerable.Range(0, Math.Max(1, islands.Count)).ToList();
        Point64 position = start;
        while (remaining.Count > 0)
        {
            int best = remaining.MinBy(i => islands.Count == 0 ? 0 : islands.Centre(i).DistanceTo(position));
            remaining.Remove(best);
            if (islands.Count > 0)
            {
                position = islands.Centre(best);
            }

            yield return best;
        }
    }

    private static Point64 Midpoint(Path64 line)
    {
        Point64 a = line[0];
        Point64 b = line[1];
        return new Point64((a.X + b.X) / 2, (a.Y + b.Y) / 2);
    }

    private double Speed(Feature feature, int layerIndex)
    {
        if (layerIndex == 0)
        {
            return speeds.FirstLayer;
        }

        return feature switch
        {
            Feature.OuterWall => speeds.OuterWall,
            Feature.InnerWall => speeds.InnerWall,
            Feature.Skin => speeds.Skin,
            Feature.Skirt => speeds.FirstLayer,
            _ => speeds.Infill,
        };
    }

    /// <summary>Feature speeds in mm/s, parsed once per slice.</summary>
    private readonly record struct FeatureSpeeds(double FirstLayer, double OuterWall, double InnerWall, double Skin, double Infill);

    private sealed class IslandPaths
    {
        public List<Paths64> Walls { get; } = new();

        public List<(Path64 Loop, long Width)> ThinWalls { get; } = new();

        public Paths64 Skin { get; } = new();

        public Paths64 Infill { get; } = new();
    }

    /// <summary>Accumulates items, time, volume and bounds of one layer.</summary>
    private sealed class ToolpathBuilder
    {
        private readonly LayerPlanner planner;
        private readonly int layerIndex;
        private readonly long height;
        private readonly OutlineCrossing outline;
        private readonly List<ToolpathItem> items = new();
        private Point64? position;
        private double seconds;
        private double volume;
        private double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;

        public ToolpathBuilder(LayerPlanner planner, int layerIndex, OutlineCrossing outline)
        {
            this.planner = planner;
            this.outline = outline;
            this.layerIndex = layerIndex;
            height = planner.heights.Thickness(layerIndex);
        }

        public void AddPath(Feature feature, Path64 points, bool closed, double speed, long width = 0)
        {
            if (points.Count < 2)
            {
                return;
            }

            AddTravel(points[0]);
            var path = new ExtrusionPath(feature, points, closed, width > 0 ? width : planner.lineWidth, height, speed);
            double length = path.LengthMm();
            seconds += MotionTime.Seconds(length, speed, planner.acceleration);
            volume += length * path.CrossSectionMm2;
            foreach (Point64 p in points)
            {
                minX = Math.Min(minX, p.X);
                minY = Math.Min(minY, p.Y);
                maxX = Math.Max(maxX, p.X);
                maxY = Math.Max(maxY, p.Y);
            }

            items.Add(path);
            position = closed ? points[0] : points[^1];
        }

        public PlannedLayer Build()
        {
            var bounds = items.Count == 0
                ? new double[4]
                : new[] { minX / 1000.0, minY / 1000.0, maxX / 1000.0, maxY / 1000.0 };
            var toolpath = new LayerToolpath
            {
                Index = layerIndex,
                Z = planner.heights.Top(layerIndex),
                Height = height,
                Items = items,
                FanSpeed = layerIndex >= planner.settings.Integer("fan_first_layer") ? planner.settings.Number("fan_speed") : 0,
                NozzleTemperatureC = layerIndex == 0
                    ? planner.settings.Number("first_layer_nozzle_temperature")
                    : planner.settings.Number("nozzle_temperature"),
                EstimatedTimeS = seconds,
            };
            return new PlannedLayer(toolpath, volume, bounds);
        }

        private void AddTravel(Point64 to)
        {
            // The first travel of a layer comes from the previous layer's end,
            // which is unknown while layers are planned in parallel: retract always.
            // Other long travels retract only when they cross the outline.
            double distance = position is null ? double.MaxValue : position.Value.DistanceTo(to);
            if (distance == 0)
            {
                return;
            }

            bool retract = planner.retractionLength > 0 && distance > planner.retractionMinTravel
                && (position is null || outline.Crosses(position.Value, to));
            items.Add(new Travel(to, retract, planner.travelSpeed));
            if (position is not null)
            {
                seconds += MotionTime.Seconds(distance / 1000.0, planner.travelSpeed, planner.acceleration);
            }

            if (retract)
            {
                seconds += 2 * planner.retractionLength / planner.retractionSpeed;
            }
        }
    }
}

namespace RealVision.Engine.Meshes;

/// <summary>What <see cref="MeshRepair"/> found and changed in one model's mesh.</summary>
public sealed class MeshReport
{
    public int DegenerateTriangles { get; set; }

    public int DuplicateTriangles { get; set; }

    /// <summary>Triangles whose winding was reversed to agree with their neighbours.</summary>
    public int FlippedTriangles { get; set; }

    /// <summary>Edges used by one triangle only (holes in the surface).</summary>
    public int OpenEdges { get; set; }

    /// <summary>Edges used by more than two triangles.</summary>
    public int NonManifoldEdges { get; set; }

    public int Shells { get; set; }

    /// <summary>Shells turned inside out as a whole (outward) or made into cavities (inward).</summary>
    public int ReorientedShells { get; set; }

    public int Cavities { get; set; }

    /// <summary>Signed volume after repair, mm³.</summary>
    public double VolumeMm3 { get; set; }

    /// <summary>One sentence per repair, for warnings; empty when the mesh was clean.</summary>
    public List<string> Describe(string modelName)
    {
        var lines = new List<string>();
        if (DegenerateTriangles > 0)
        {
            lines.Add($"removed {Messages.Count(DegenerateTriangles, "zero-area triangle")}");
        }

        if (DuplicateTriangles > 0)
        {
            lines.Add($"removed {Messages.Count(DuplicateTriangles, "duplicate triangle")}");
        }

        if (FlippedTriangles > 0)
        {
            lines.Add($"reversed {Messages.Count(FlippedTriangles, "triangle")} facing against {(FlippedTriangles == 1 ? "its" : "their")} neighbours");
        }

        if (ReorientedShells > 0)
        {
            lines.Add($"turned {ReorientedShells} of {Messages.Count(Shells, "shell")} the right way out");
        }

        if (OpenEdges > 0)
        {
            lines.Add($"found {Messages.Count(OpenEdges, "open edge")} (holes in the surface), closed layer by layer with straight joins");
        }

        if (NonManifoldEdges > 0)
        {
            lines.Add($"found {Messages.Count(NonManifoldEdges, "edge")} shared by more than two triangles");
        }

        return lines.Count == 0 ? lines : new List<string> { $"Model '{modelName}': {string.Join("; ", lines)}." };
    }
}

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
            lines.Add($"removed {DegenerateTriangles} zero-area triangles");
        }

        if (DuplicateTriangles > 0)
        {
            lines.Add($"removed {DuplicateTriangles} duplicate triangles");
        }

        if (FlippedTriangles > 0)
        {
            lines.Add($"reversed {FlippedTriangles} triangles facing against their neighbours");
        }

        if (ReorientedShells > 0)
        {
            lines.Add($"turned {ReorientedShells} of {Shells} shells the right way out");
        }

        if (OpenEdges > 0)
        {
            lines.Add($"found {OpenEdges} open edges (holes); contours are closed across gaps up to one line width");
        }

        if (NonManifoldEdges > 0)
        {
            lines.Add($"found {NonManifoldEdges} edges shared by more than two triangles");
        }

        return lines.Count == 0 ? lines : new List<string> { $"Model '{modelName}': {string.Join("; ", lines)}." };
    }
}

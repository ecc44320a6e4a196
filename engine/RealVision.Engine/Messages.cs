namespace RealVision.Engine;

/// <summary>Small helpers for user-facing messages.</summary>
internal static class Messages
{
    /// <summary>"1 layer", "2 layers"; irregular plurals are passed in.</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? singular + "s")}";
}

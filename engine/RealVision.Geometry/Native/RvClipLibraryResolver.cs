using System.Reflection;
using System.Runtime.InteropServices;

namespace RealVision.Geometry.Native;

/// <summary>
/// Resolves librvclip for this assembly, looking next to the assembly file first.
/// A plugin load context may load this assembly from a plugin folder, where the default
/// probing of the host application would not look.
/// </summary>
internal static class RvClipLibraryResolver
{
    private static int registered;

    /// <summary>Registers the resolver for this assembly; later calls do nothing.</summary>
    internal static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(RvClipLibraryResolver).Assembly, Resolve);
        }
    }

    /// <summary>File name of the shared library on this operating system.</summary>
    internal static string LibraryFileName
    {
        get
        {
            if (OperatingSystem.IsWindows())
            {
                return RvClipNative.LibraryName + ".dll";
            }

            return OperatingSystem.IsMacOS() ? "lib" + RvClipNative.LibraryName + ".dylib" : "lib" + RvClipNative.LibraryName + ".so";
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != RvClipNative.LibraryName)
        {
            return IntPtr.Zero;
        }

        foreach (string directory in CandidateDirectories(assembly))
        {
            string file = Path.Combine(directory, LibraryFileName);
            if (!File.Exists(file))
            {
                continue;
            }

            try
            {
                return NativeLibrary.Load(file);
            }
            catch (DllNotFoundException e)
            {
                // The file exists, so a dependency is missing, most likely libpolyclipping.so.22.
                throw new DllNotFoundException(
                    $"Could not load {file}: {e.Message} " +
                    "On Debian or Ubuntu install the Clipper runtime with: sudo apt-get install libpolyclipping22",
                    e);
            }
        }

        // Fall back to the runtime's default probing (deps.json, application folder, system paths).
        return IntPtr.Zero;
    }

    private static IEnumerable<string> CandidateDirectories(Assembly assembly)
    {
        // Location is empty for assemblies loaded from bytes or bundled in a single-file application.
        string? assemblyDirectory = string.IsNullOrEmpty(assembly.Location) ? null : Path.GetDirectoryName(assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            yield return assemblyDirectory;
        }

        string baseDirectory = AppContext.BaseDirectory;
        if (!string.IsNullOrEmpty(baseDirectory) && !string.Equals(Path.TrimEndingDirectorySeparator(baseDirectory), assemblyDirectory, StringComparison.Ordinal))
        {
            yield return baseDirectory;
        }
    }
}

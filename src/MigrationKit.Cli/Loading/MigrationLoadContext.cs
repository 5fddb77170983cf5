using System.Reflection;
using System.Runtime.Loader;

namespace MigrationKit.Cli.Loading;

/// <summary>
/// Loads the application's assembly and its own dependencies (from its <c>.deps.json</c>, through
/// <see cref="AssemblyDependencyResolver"/>) apart from the tool, while sharing with the tool every assembly the tool
/// ships itself — MigrationKit first of all. Sharing is what makes the app's migration classes derive from the same
/// <see cref="Migration"/> type the tool's runner discovers; a second copy of MigrationKit.dll from the app's folder
/// would make them strangers and the app would seem to have no migrations.
/// </summary>
internal sealed class MigrationLoadContext : AssemblyLoadContext
{
    private static readonly Lazy<Dictionary<string, string>> ToolAssemblies = new(ReadToolAssemblies);

    private readonly AssemblyDependencyResolver _resolver;

    public MigrationLoadContext(string assemblyPath)
        : base("migrationkit: " + Path.GetFileName(assemblyPath))
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
    }

    /// <summary>Whether the tool's copy of <paramref name="name"/> serves the app (returning null from Load defers to the tool's context).</summary>
    internal static bool IsShared(AssemblyName name)
    {
        if (name.Name is null || !ToolAssemblies.Value.TryGetValue(name.Name, out var toolPath))
        {
            return false;
        }

        // MigrationKit must be one copy whatever version the app was built with; other libraries are shared when the
        // tool's copy is at least the version the app asks for, so an app built on a newer one still gets its own.
        return name.Name.StartsWith("MigrationKit", StringComparison.Ordinal)
            || name.Version is null
            || (AssemblyName.GetAssemblyName(toolPath).Version is { } toolVersion && toolVersion >= name.Version);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        if (_resolver.ResolveAssemblyToPath(assemblyName) is { } path)
        {
            return LoadFromAssemblyPath(path);
        }

        // A framework the tool does not run on (an ASP.NET Core app's Microsoft.AspNetCore.*): look in the sibling
        // shared frameworks of the runtime, so the app's other types still load.
        return SharedFrameworkPath(assemblyName) is { } frameworkPath ? LoadFromAssemblyPath(frameworkPath) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    private static string? SharedFrameworkPath(AssemblyName assemblyName)
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var sharedRoot = runtimeDirectory is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory));
        if (sharedRoot is null || !Directory.Exists(sharedRoot) || assemblyName.Name is null)
        {
            return null;
        }

        var runtimeMajor = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
        return Directory.EnumerateDirectories(sharedRoot)
            .SelectMany(framework => Directory.EnumerateDirectories(framework, runtimeMajor + "*"))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, assemblyName.Name + ".dll"))
            .FirstOrDefault(File.Exists);
    }

    private static Dictionary<string, string> ReadToolAssemblies()
    {
        // The tool's own assemblies and the runtime's: the trusted platform assemblies of the default context, by simple name.
        var paths = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            names.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return names;
    }
}

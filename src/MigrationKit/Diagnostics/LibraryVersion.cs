using System.Reflection;

namespace MigrationKit.Diagnostics;

/// <summary>The MigrationKit version recorded with each applied migration.</summary>
internal static class LibraryVersion
{
    public static readonly string Value =
        typeof(LibraryVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(LibraryVersion).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}

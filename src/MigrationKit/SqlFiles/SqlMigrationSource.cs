using System.Reflection;

namespace MigrationKit;

/// <summary>
/// Where SQL-file migrations are read from: a directory on disk, or the embedded resources of an assembly. Files are
/// named <c>V{version}__{description}.sql</c> (versioned), <c>U{version}__{description}.sql</c> (the Down of the
/// versioned file with that version) and <c>R__{name}.sql</c> (repeatable, re-applied whenever it changes).
/// </summary>
public sealed record SqlMigrationSource
{
    private SqlMigrationSource(string? directory, Assembly? assembly, string? resourcePrefix)
    {
        Directory = directory;
        Assembly = assembly;
        ResourcePrefix = resourcePrefix;
    }

    /// <summary>The directory's full path, or <see langword="null"/> for embedded resources.</summary>
    public string? Directory { get; }

    /// <summary>The assembly whose embedded resources hold the files, or <see langword="null"/> for a directory.</summary>
    public Assembly? Assembly { get; }

    /// <summary>The prefix that the resources' names start with (typically a namespace such as <c>MyApp.Sql</c>), or <see langword="null"/> for every <c>.sql</c> resource.</summary>
    public string? ResourcePrefix { get; }

    /// <summary>The <c>.sql</c> files directly in <paramref name="directory"/> (not in its subdirectories).</summary>
    /// <param name="directory">The directory; a relative path is resolved against the current directory now.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static SqlMigrationSource FromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return new SqlMigrationSource(Path.GetFullPath(directory), null, null);
    }

    /// <summary>
    /// The embedded resources of <paramref name="assembly"/> whose names end with <c>.sql</c> and start with
    /// <paramref name="resourcePrefix"/>. A resource's file name is the last dot-separated part of its name before
    /// <c>.sql</c> (the build prefixes the project's namespace and folders), so descriptions hold no dots.
    /// </summary>
    /// <param name="assembly">The assembly.</param>
    /// <param name="resourcePrefix">The prefix, for example <c>MyApp.Sql</c>; <see langword="null"/> for every <c>.sql</c> resource.</param>
    /// <returns>The source.</returns>
    public static SqlMigrationSource FromEmbeddedResources(Assembly assembly, string? resourcePrefix = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return new SqlMigrationSource(null, assembly, string.IsNullOrWhiteSpace(resourcePrefix) ? null : resourcePrefix.TrimEnd('.'));
    }

    /// <summary>The source in words, for messages.</summary>
    /// <returns>The directory, or the assembly and prefix.</returns>
    public override string ToString() =>
        Directory ?? $"embedded resources of {Assembly!.GetName().Name}{(ResourcePrefix is null ? string.Empty : $" under {ResourcePrefix}")}";
}

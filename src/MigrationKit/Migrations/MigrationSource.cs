using System.Reflection;

namespace MigrationKit;

/// <summary>Where migrations are discovered: an assembly, optionally narrowed to one namespace and those below it.</summary>
/// <param name="Assembly">The assembly to scan.</param>
/// <param name="Namespace">The namespace to keep, or <see langword="null"/> for the whole assembly.</param>
public sealed record MigrationSource(Assembly Assembly, string? Namespace = null)
{
    internal bool Contains(Type type) =>
        Namespace is null
        || string.Equals(type.Namespace, Namespace, StringComparison.Ordinal)
        || (type.Namespace?.StartsWith(Namespace + ".", StringComparison.Ordinal) ?? false);
}

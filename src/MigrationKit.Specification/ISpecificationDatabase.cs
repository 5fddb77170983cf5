using MigrationKit.Providers;

namespace MigrationKit.Specification;

/// <summary>One throwaway database of an <see cref="ISpecificationTarget"/>; disposing it deletes it.</summary>
public interface ISpecificationDatabase : IAsyncDisposable
{
    /// <summary>
    /// Creates a new provider instance connected to this database. Every call returns a new instance, because a
    /// runner built from it owns it and disposes it; the concurrency fixture builds many runners at once, each with
    /// its own provider. The suite also runs its own raw SQL checks through a provider from here.
    /// </summary>
    /// <returns>A provider for this database.</returns>
    MigrationProvider CreateProvider();
}

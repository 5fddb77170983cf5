namespace MigrationKit.Specification;

/// <summary>
/// What a provider implements to run the conformance suite: a factory of fresh, empty databases. A provider's test
/// project implements this once (with a public parameterless constructor) and inherits each fixture in one line:
/// <code>public sealed class SqliteRunnerSpecification : RunnerSpecification&lt;SqliteTarget&gt;;</code>
/// </summary>
/// <remarks>
/// The fixtures use only the public surface of MigrationKit through <see cref="ISpecificationDatabase.CreateProvider"/>,
/// and only SQL that every relational database accepts (quoted identifiers, standard DDL and DML), so a target needs
/// nothing else.
/// </remarks>
public interface ISpecificationTarget
{
    /// <summary>
    /// The provider's short name, as its <see cref="Providers.MigrationProvider.Name"/> reports it (<c>sqlite</c>,
    /// <c>postgresql</c>); raw SQL variants are keyed by it.
    /// </summary>
    string ProviderName { get; }

    /// <summary>Creates a fresh database with no tables at all, for one test.</summary>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The database; the test disposes it, which should delete it.</returns>
    Task<ISpecificationDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default);
}

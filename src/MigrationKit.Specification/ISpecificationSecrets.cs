namespace MigrationKit.Specification;

/// <summary>
/// An optional capability of an <see cref="ISpecificationTarget"/> whose databases are reached with credentials (for
/// example a connection string with <c>Password=…</c>). The bad-input fixture then asserts that none of these strings
/// ever appears in an exception's message, its <see cref="Exception.ToString"/> (inner exceptions included) or any
/// log line written while the fixture's failure tests run.
/// </summary>
public interface ISpecificationSecrets
{
    /// <summary>The secret strings (passwords) the target's providers use; none may be empty.</summary>
    IReadOnlyCollection<string> Secrets { get; }
}

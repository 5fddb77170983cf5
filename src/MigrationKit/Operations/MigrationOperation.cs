namespace MigrationKit.Operations;

/// <summary>
/// One immutable schema or data change recorded by a migration's <c>Up</c> or <c>Down</c>. The list of
/// operations is the single source that SQL generation, checksums, dry runs and reversal all read.
/// </summary>
public abstract record MigrationOperation
{
    private protected MigrationOperation()
    {
    }

    /// <summary>Whether the operation can be undone automatically (see <see cref="Invert"/>).</summary>
    public bool IsReversible => Invert() is not null;

    /// <summary>Whether the operation can destroy data (drop table or column, delete rows).</summary>
    public virtual bool IsDestructive => false;

    /// <summary>Whether the operation cannot run inside a transaction (such as <c>CREATE INDEX CONCURRENTLY</c>).</summary>
    public virtual bool RequiresNoTransaction => false;

    /// <summary>The operation that undoes this one, or <see langword="null"/> when it cannot be derived.</summary>
    /// <returns>The inverse operation, or <see langword="null"/>.</returns>
    public abstract MigrationOperation? Invert();

    /// <summary>A short human description, for messages and logs.</summary>
    /// <returns>The description.</returns>
    public abstract string Describe();

    /// <summary>Hands the operation to the method of <paramref name="visitor"/> for its kind.</summary>
    /// <typeparam name="TResult">What the visitor returns.</typeparam>
    /// <param name="visitor">The visitor.</param>
    /// <returns>The visitor's result.</returns>
    public abstract TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor);
}

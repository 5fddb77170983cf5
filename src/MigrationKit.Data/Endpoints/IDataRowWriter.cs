namespace MigrationKit.Data.Endpoints;

/// <summary>
/// Writes rows into one table inside the transaction it was created in: the provider's fastest path (COPY BINARY on
/// PostgreSQL, one prepared insert reused on SQLite). Rows become visible only when the transaction commits.
/// </summary>
public interface IDataRowWriter : IAsyncDisposable
{
    /// <summary>Writes one row.</summary>
    /// <param name="values">One value per column given at creation, in that order, in the CLR representation of each column's <see cref="DataType"/>; null for NULL. The writer does not keep the array.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the row is buffered or written.</returns>
    ValueTask WriteRowAsync(object?[] values, CancellationToken cancellationToken = default);

    /// <summary>Finishes writing: every row is sent to the database (still inside the transaction). Disposing without completing discards what the database allows.</summary>
    /// <param name="cancellationToken">Cancels the completion.</param>
    /// <returns>A task that completes when the rows are in the database.</returns>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}

namespace MigrationKit.Operations;

/// <summary>
/// One method per kind of <see cref="MigrationOperation"/>: the exhaustive way to handle operations. A new operation
/// adds a method here, so every visitor (SQL generation, schema replay, tables touched, a provider's own dispatch)
/// stops compiling until it handles it, where a type switch with a default branch would skip it silently.
/// </summary>
/// <typeparam name="TResult">What the visitor returns for an operation.</typeparam>
public interface IMigrationOperationVisitor<out TResult>
{
    /// <summary>Handles add check constraint.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(AddCheckConstraintOperation operation);

    /// <summary>Handles add column.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(AddColumnOperation operation);

    /// <summary>Handles add foreign key.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(AddForeignKeyOperation operation);

    /// <summary>Handles add primary key.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(AddPrimaryKeyOperation operation);

    /// <summary>Handles add unique constraint.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(AddUniqueConstraintOperation operation);

    /// <summary>Handles alter column.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(AlterColumnOperation operation);

    /// <summary>Handles create index.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(CreateIndexOperation operation);

    /// <summary>Handles create schema.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(CreateSchemaOperation operation);

    /// <summary>Handles create table.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(CreateTableOperation operation);

    /// <summary>Handles delete data.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(DeleteDataOperation operation);

    /// <summary>Handles drop check constraint.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(DropCheckConstraintOperation operation);

    /// <summary>Handles drop column.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(DropColumnOperation operation);

    /// <summary>Handles drop foreign key.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(DropForeignKeyOperation operation);

    /// <summary>Handles drop index.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(DropIndexOperation operation);

    /// <summary>Handles drop primary key.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(DropPrimaryKeyOperation operation);

    /// <summary>Handles drop schema.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(DropSchemaOperation operation);

    /// <summary>Handles drop table.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(DropTableOperation operation);

    /// <summary>Handles drop unique constraint.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(DropUniqueConstraintOperation operation);

    /// <summary>Handles insert data.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(InsertDataOperation operation);

    /// <summary>Handles rename column.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(RenameColumnOperation operation);

    /// <summary>Handles rename table.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(RenameTableOperation operation);

    /// <summary>Handles sql.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(SqlOperation operation);

    /// <summary>Handles update data.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(UpdateDataOperation operation);

    /// <summary>Handles validate constraint.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The result.</returns>
    TResult Visit(ValidateConstraintOperation operation);
}

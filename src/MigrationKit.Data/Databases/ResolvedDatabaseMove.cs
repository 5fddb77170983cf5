using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Databases;

/// <summary>A database move resolved against both databases: the table moves in load order and the target's foreign keys among them.</summary>
internal sealed record ResolvedDatabaseMove(IReadOnlyList<TableMove> Tables, IReadOnlyList<DataForeignKey> ForeignKeys);

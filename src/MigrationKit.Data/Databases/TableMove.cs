using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Databases;

/// <summary>One table of a database move: its move and the columns filled in after every table is loaded.</summary>
internal sealed record TableMove(string SourceTable, string TargetTable, DataMove Move, IReadOnlyList<DeferredColumn> Deferred);

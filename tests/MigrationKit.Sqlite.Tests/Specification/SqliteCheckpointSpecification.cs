using MigrationKit.Specification;

namespace MigrationKit.Sqlite.Tests.Specification;

public sealed class SqliteCheckpointSpecification : CheckpointSpecification<SqliteTarget>;

public sealed class SqliteRollbackDataLossSpecification : RollbackDataLossSpecification<SqliteTarget>;

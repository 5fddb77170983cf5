using MigrationKit.Specification;

namespace MigrationKit.PostgreSql.Tests.Specification;

public sealed class PostgreSqlCheckpointSpecification : CheckpointSpecification<PostgreSqlTarget>;

public sealed class PostgreSqlRollbackDataLossSpecification : RollbackDataLossSpecification<PostgreSqlTarget>;

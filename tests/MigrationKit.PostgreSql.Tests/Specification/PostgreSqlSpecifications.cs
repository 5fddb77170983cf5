using MigrationKit.Specification;

namespace MigrationKit.PostgreSql.Tests.Specification;

public sealed class PostgreSqlRunnerSpecification : RunnerSpecification<PostgreSqlTarget>;

public sealed class PostgreSqlConcurrencySpecification : ConcurrencySpecification<PostgreSqlTarget>;

public sealed class PostgreSqlScenarioSpecification : ScenarioSpecification<PostgreSqlTarget>;

public sealed class PostgreSqlOperationSpecification : OperationSpecification<PostgreSqlTarget>;

public sealed class PostgreSqlDriftSpecification : DriftSpecification<PostgreSqlTarget>;

public sealed class PostgreSqlRunRecordSpecification : RunRecordSpecification<PostgreSqlTarget>;

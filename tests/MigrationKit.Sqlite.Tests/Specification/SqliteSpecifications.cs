using MigrationKit.Specification;

namespace MigrationKit.Sqlite.Tests.Specification;

public sealed class SqliteRunnerSpecification : RunnerSpecification<SqliteTarget>;

public sealed class SqliteInMemoryRunnerSpecification : RunnerSpecification<SqliteInMemoryTarget>;

public sealed class SqliteConcurrencySpecification : ConcurrencySpecification<SqliteTarget>;

public sealed class SqliteScenarioSpecification : ScenarioSpecification<SqliteTarget>;

public sealed class SqliteInMemoryScenarioSpecification : ScenarioSpecification<SqliteInMemoryTarget>;

public sealed class SqliteOperationSpecification : OperationSpecification<SqliteTarget>;

public sealed class SqliteInMemoryOperationSpecification : OperationSpecification<SqliteInMemoryTarget>;

public sealed class SqliteDriftSpecification : DriftSpecification<SqliteTarget>;

public sealed class SqliteRunRecordSpecification : RunRecordSpecification<SqliteTarget>;

public sealed class SqliteInMemoryRunRecordSpecification : RunRecordSpecification<SqliteInMemoryTarget>;

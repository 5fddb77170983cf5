using MigrationKit.Specification;

namespace MigrationKit.Sqlite.Tests.Specification;

public sealed class SqlitePlanSpecification : PlanSpecification<SqliteTarget>;

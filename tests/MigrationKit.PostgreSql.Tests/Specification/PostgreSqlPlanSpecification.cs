using MigrationKit.Specification;

namespace MigrationKit.PostgreSql.Tests.Specification;

public sealed class PostgreSqlPlanSpecification : PlanSpecification<PostgreSqlTarget>;

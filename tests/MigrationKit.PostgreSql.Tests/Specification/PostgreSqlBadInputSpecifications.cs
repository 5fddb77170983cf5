using MigrationKit.Specification;

namespace MigrationKit.PostgreSql.Tests.Specification;

public sealed class PostgreSqlBadInputSpecification : BadInputSpecification<PostgreSqlSecretTarget>;

public sealed class PostgreSqlIdentifierFuzzSpecification : IdentifierFuzzSpecification<PostgreSqlSecretTarget>;

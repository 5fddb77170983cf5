using MigrationKit.Specification;

namespace MigrationKit.Sqlite.Tests.Specification;

public sealed class SqliteBadInputSpecification : BadInputSpecification<SqliteTarget>;

public sealed class SqliteInMemoryBadInputSpecification : BadInputSpecification<SqliteInMemoryTarget>;

public sealed class SqliteIdentifierFuzzSpecification : IdentifierFuzzSpecification<SqliteTarget>;

public sealed class SqliteInMemoryIdentifierFuzzSpecification : IdentifierFuzzSpecification<SqliteInMemoryTarget>;

using MigrationKit.Specification;

namespace MigrationKit.Sqlite.Tests.Specification;

public sealed class SqliteSqlFileSpecification : SqlFileSpecification<SqliteTarget>;

public sealed class SqliteInMemorySqlFileSpecification : SqlFileSpecification<SqliteInMemoryTarget>;

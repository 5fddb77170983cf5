using System.Globalization;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.Tests.Support;

/// <summary>
/// The smallest concrete generator: every default of <see cref="MigrationSqlGenerator"/> is kept, and store types
/// map to plain SQL names so that expected statements are easy to read.
/// </summary>
internal sealed class TestSqlGenerator(string providerName = TestSqlGenerator.DefaultProviderName) : MigrationSqlGenerator(providerName)
{
    public const string DefaultProviderName = "test";

    public override string StoreType(ColumnType type) => type.Kind switch
    {
        ColumnTypeKind.Int16 => "SMALLINT",
        ColumnTypeKind.Int32 => "INTEGER",
        ColumnTypeKind.Int64 => "BIGINT",
        ColumnTypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({type.Precision},{type.Scale})"),
        ColumnTypeKind.Double => "DOUBLE",
        ColumnTypeKind.String => string.Create(CultureInfo.InvariantCulture, $"VARCHAR({type.Length})"),
        ColumnTypeKind.Text => "TEXT",
        ColumnTypeKind.Boolean => "BOOLEAN",
        ColumnTypeKind.Date => "DATE",
        ColumnTypeKind.DateTime => "TIMESTAMP",
        ColumnTypeKind.DateTimeOffset => "TIMESTAMPTZ",
        ColumnTypeKind.Guid => "UUID",
        ColumnTypeKind.Binary => type.Length is null ? "BLOB" : string.Create(CultureInfo.InvariantCulture, $"BINARY({type.Length})"),
        ColumnTypeKind.Json => "JSON",
        ColumnTypeKind.Custom => type.StoreType!,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "Unknown column type kind."),
    };
}

using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Databases;

/// <summary>A target column loaded as NULL and filled in later from its source column (through a parent's id map when <see cref="Converter"/> says so).</summary>
internal sealed record DeferredColumn(string TargetTable, DataColumn Column, string SourceColumn, DataConverter? Converter, string SourceKey, DataColumn? TargetKey);

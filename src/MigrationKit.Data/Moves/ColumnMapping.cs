using MigrationKit.Data.Conversion;

namespace MigrationKit.Data.Moves;

/// <summary>One source column written to one target column, through an optional converter.</summary>
internal sealed record ColumnMapping(string Source, string Target, DataConverter? Converter);

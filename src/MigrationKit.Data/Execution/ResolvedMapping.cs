using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Execution;

/// <summary>A mapping checked against both tables: where its value is in the source row and which target column it fills.</summary>
internal sealed record ResolvedMapping(string Source, int SourceIndex, DataColumn Target, DataConverter? Converter);

using MigrationKit.Operations;

namespace MigrationKit.Risk;

/// <summary>One statement of a raw SQL operation as the classifier read it.</summary>
/// <param name="Kind">What it was recognised as.</param>
/// <param name="Table">The table it names, when recognised.</param>
/// <param name="Text">The statement, trimmed.</param>
internal sealed record RawSqlStatement(RawSqlKind Kind, QualifiedName? Table, string Text);

namespace MigrationKit.Inspection;

/// <summary>A trigger, kept as its provider's definition so that a table rebuild can recreate it.</summary>
/// <param name="Name">The trigger name.</param>
/// <param name="Definition">The SQL that creates it.</param>
public sealed record TriggerSchema(string Name, string Definition);

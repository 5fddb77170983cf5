namespace MigrationKit.Data.Preview;

/// <summary>What a move would do, worked out without moving anything.</summary>
/// <param name="MoveName">The move.</param>
/// <param name="SourceRows">Source rows (after the move's filter).</param>
/// <param name="RowsAlreadyMoved">Source rows that earlier runs of the move already read (a resumed move starts after them).</param>
/// <param name="Batches">Batches still to write.</param>
/// <param name="Mappings">Each mapping in words: <c>source → target (type): converter</c>.</param>
/// <param name="SampleRows">Rows of the sample: the next batch, read, converted and written in a target transaction that was rolled back.</param>
/// <param name="SampleElapsed">How long the sample took.</param>
/// <param name="EstimatedDuration">The time the remaining rows would take at the sample's rate, or null when the sample was empty or failed.</param>
/// <param name="Risk">The overall risk.</param>
/// <param name="Reasons">Why, in plain words (empty when the risk is low).</param>
public sealed record DataMovePlan(string MoveName, long SourceRows, long RowsAlreadyMoved, long Batches, IReadOnlyList<string> Mappings, int SampleRows, TimeSpan SampleElapsed, TimeSpan? EstimatedDuration, DataMoveRisk Risk, IReadOnlyList<string> Reasons);

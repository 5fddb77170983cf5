using FluentAssertions.Equivalency;

namespace MigrationKit.Tests.Support;

/// <summary>Options for comparing operation and schema records member by member.</summary>
internal static class EquivalencyOptionsExtensions
{
    /// <summary>
    /// Compares records by their members (their own Equals compares lists by reference), with the runtime types of
    /// members (operations are declared as <c>MigrationOperation</c>) and in order.
    /// </summary>
    public static EquivalencyAssertionOptions<T> ByMembers<T>(this EquivalencyAssertionOptions<T> options) =>
        options.ComparingRecordsByMembers().RespectingRuntimeTypes().WithStrictOrdering();
}

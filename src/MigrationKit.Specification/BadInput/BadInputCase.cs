namespace MigrationKit.Specification.BadInput;

/// <summary>One entry of the bad-input catalogue.</summary>
/// <param name="Name">The case's name, which is also the test case's name.</param>
/// <param name="RunAsync">Seeds the database, feeds the bad input and checks the refusal.</param>
/// <param name="AppliesTo">Whether the case applies to a target (null: to every target).</param>
internal sealed record BadInputCase(string Name, Func<BadInputContext, Task> RunAsync, Func<ISpecificationTarget, bool>? AppliesTo = null);

namespace MigrationKit.Specification;

/// <summary>Every fluent operation applied through a runner (stub).</summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class OperationSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
}

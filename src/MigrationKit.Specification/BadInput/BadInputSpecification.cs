using Microsoft.Extensions.Logging;
using MigrationKit.Specification.BadInput;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// The bad-input catalogue on a provider: every case starts from the same seeded database, feeds one bad input
/// through the public API (a wrong version, target or step count, an applied migration missing or edited, an
/// irreversible Down, an invalid identifier or table definition, SQL the database refuses, a configuration mistake, a
/// run cancelled at each stage), and checks that it is refused with a typed exception whose message names the object
/// and the remedy, and that the database is unchanged: the same schema, history and rows, and a journal that only
/// gained the started and failed entries of a refused step. Re-saving raw SQL with other line endings, a BOM or
/// trailing whitespace is in the catalogue too, and must not be flagged.
/// </summary>
/// <remarks>
/// Every runner logs, down to Trace, into a capturing logger. When the target implements
/// <see cref="ISpecificationSecrets"/> (its connection strings carry a password), each case also asserts that no
/// secret appears in any exception it saw (messages, inner exceptions, <see cref="Exception.ToString"/>) or in any log
/// line. Cases that only apply to some databases (identifiers over a length limit) are gated by
/// <see cref="ISpecificationIdentifierLimit"/>.
/// </remarks>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class BadInputSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private readonly List<Exception> _thrown = [];
    private ILoggerFactory? _loggers;
    private CapturingLoggerProvider? _logs;

    /// <summary>The names of the cases that apply to this fixture's target.</summary>
    /// <returns>One test case per bad input.</returns>
    public static IEnumerable<TestCaseData> Catalogue()
    {
        var target = new TTarget();
        return BadInputCatalogue.All.Where(c => c.AppliesTo?.Invoke(target) ?? true).Select(c => new TestCaseData(c.Name));
    }

    /// <summary>Starts capturing logs for the case.</summary>
    [SetUp]
    public void StartCapturing()
    {
        _thrown.Clear();
        _loggers = CapturingLoggerProvider.CreateFactory(out _logs);
    }

    /// <summary>Checks that no secret leaked into what the case saw, and stops capturing.</summary>
    [TearDown]
    public void CheckSecretsAndStopCapturing()
    {
        try
        {
            if (Target is ISpecificationSecrets secrets)
            {
                var leaks = _thrown.SelectMany(e => SecretLeaks.Find(secrets.Secrets, e)).Concat(SecretLeaks.Find(secrets.Secrets, null, _logs)).ToList();
                leaks.Should().BeEmpty("a connection string's password never appears in an exception or a log");
            }
        }
        finally
        {
            _loggers?.Dispose();
        }
    }

    /// <summary>One bad input: refused with a typed exception naming the object and the remedy, the database unchanged.</summary>
    /// <param name="input">The case's name in the catalogue.</param>
    /// <returns>A task that completes when the check is done.</returns>
    [TestCaseSource(nameof(Catalogue))]
    public async Task BadInput_IsRefusedTypedNamedWithRemedy_DatabaseUnchanged(string input)
    {
        var entry = BadInputCatalogue.All.Single(c => c.Name == input);
        await using var database = await CreateDatabaseAsync();

        await entry.RunAsync(new BadInputContext(Target, database, _loggers!, _thrown));
    }

    /// <summary>The catalogue holds at least 40 distinct bad inputs for every target, each with a unique name.</summary>
    [Test]
    public void Catalogue_HasAtLeastFortyDistinctInputs()
    {
        var names = Catalogue().Select(c => (string)c.Arguments[0]!).ToList();

        names.Should().OnlyHaveUniqueItems();
        names.Should().HaveCountGreaterThanOrEqualTo(40);
    }

    /// <summary>Failed runs are logged (so the secrets check reads real log output), with the failing migration named.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task FailedMigration_IsLoggedWithTheMigrationNamed()
    {
        await using var database = await CreateDatabaseAsync();
        var context = new BadInputContext(Target, database, _loggers!, _thrown);
        await context.SeedAsync();
        await using var runner = context.Runner("BadInput.RawSqlSyntaxError");

        await context.CatchAsync(() => runner.MigrateUpAsync());

        _thrown.Should().ContainSingle().Which.Should().BeOfType<MigrationFailedException>();
        _logs!.Lines.Should().Contain(l => l.Contains("RawSqlSyntaxError", StringComparison.Ordinal) && l.StartsWith("Error", StringComparison.Ordinal), "the failure is logged as an error naming the migration");
        _logs.Lines.Should().Contain(l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("SELEC", StringComparison.Ordinal), "SQL is logged at Debug, and the capture sees every level");
    }
}

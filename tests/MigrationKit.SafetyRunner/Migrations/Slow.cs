namespace MigrationKit.SafetyRunner.Migrations.Slow;

// Twelve transactional migrations, each a table and its log row, for kill -9 trials: a test stops a runner at a gate
// (a log event it chooses at random) waiting for the lock, holding it, mid-migration or between two, and kills it there.

[Migration(1, "Slow 1")]
internal sealed class Slow01 : SlowMigration;

[Migration(2, "Slow 2")]
internal sealed class Slow02 : SlowMigration;

[Migration(3, "Slow 3")]
internal sealed class Slow03 : SlowMigration;

[Migration(4, "Slow 4")]
internal sealed class Slow04 : SlowMigration;

[Migration(5, "Slow 5")]
internal sealed class Slow05 : SlowMigration;

[Migration(6, "Slow 6")]
internal sealed class Slow06 : SlowMigration;

[Migration(7, "Slow 7")]
internal sealed class Slow07 : SlowMigration;

[Migration(8, "Slow 8")]
internal sealed class Slow08 : SlowMigration;

[Migration(9, "Slow 9")]
internal sealed class Slow09 : SlowMigration;

[Migration(10, "Slow 10")]
internal sealed class Slow10 : SlowMigration;

[Migration(11, "Slow 11")]
internal sealed class Slow11 : SlowMigration;

[Migration(12, "Slow 12")]
internal sealed class Slow12 : SlowMigration;

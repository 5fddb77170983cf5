namespace MigrationKit.SafetyRunner.Migrations.Many;

// Thirty migrations for the many-processes tests. Each creates a table of its own and logs its version into
// "applied_log", whose rows are a proof independent of the history: a migration applied twice would add a second row
// (and fail on its own table first).

[Migration(1, "Many 1")]
internal sealed class Many01 : ManyMigration;

[Migration(2, "Many 2")]
internal sealed class Many02 : ManyMigration;

[Migration(3, "Many 3")]
internal sealed class Many03 : ManyMigration;

[Migration(4, "Many 4")]
internal sealed class Many04 : ManyMigration;

[Migration(5, "Many 5")]
internal sealed class Many05 : ManyMigration;

[Migration(6, "Many 6")]
internal sealed class Many06 : ManyMigration;

[Migration(7, "Many 7")]
internal sealed class Many07 : ManyMigration;

[Migration(8, "Many 8")]
internal sealed class Many08 : ManyMigration;

[Migration(9, "Many 9")]
internal sealed class Many09 : ManyMigration;

[Migration(10, "Many 10")]
internal sealed class Many10 : ManyMigration;

[Migration(11, "Many 11")]
internal sealed class Many11 : ManyMigration;

[Migration(12, "Many 12")]
internal sealed class Many12 : ManyMigration;

[Migration(13, "Many 13")]
internal sealed class Many13 : ManyMigration;

[Migration(14, "Many 14")]
internal sealed class Many14 : ManyMigration;

[Migration(15, "Many 15")]
internal sealed class Many15 : ManyMigration;

[Migration(16, "Many 16")]
internal sealed class Many16 : ManyMigration;

[Migration(17, "Many 17")]
internal sealed class Many17 : ManyMigration;

[Migration(18, "Many 18")]
internal sealed class Many18 : ManyMigration;

[Migration(19, "Many 19")]
internal sealed class Many19 : ManyMigration;

[Migration(20, "Many 20")]
internal sealed class Many20 : ManyMigration;

[Migration(21, "Many 21")]
internal sealed class Many21 : ManyMigration;

[Migration(22, "Many 22")]
internal sealed class Many22 : ManyMigration;

[Migration(23, "Many 23")]
internal sealed class Many23 : ManyMigration;

[Migration(24, "Many 24")]
internal sealed class Many24 : ManyMigration;

[Migration(25, "Many 25")]
internal sealed class Many25 : ManyMigration;

[Migration(26, "Many 26")]
internal sealed class Many26 : ManyMigration;

[Migration(27, "Many 27")]
internal sealed class Many27 : ManyMigration;

[Migration(28, "Many 28")]
internal sealed class Many28 : ManyMigration;

[Migration(29, "Many 29")]
internal sealed class Many29 : ManyMigration;

[Migration(30, "Many 30")]
internal sealed class Many30 : ManyMigration;

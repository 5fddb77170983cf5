namespace MigrationKit.Planning;

/// <summary>PostgreSQL's table lock modes, weakest first; what a <see cref="MigrationCommand"/> takes on the tables it touches.</summary>
public enum MigrationLockLevel
{
    /// <summary><c>ACCESS SHARE</c>: plain reads; conflicts only with <see cref="AccessExclusive"/>.</summary>
    AccessShare,

    /// <summary><c>ROW SHARE</c>: <c>SELECT … FOR UPDATE</c>.</summary>
    RowShare,

    /// <summary><c>ROW EXCLUSIVE</c>: <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>; readers and writers go on.</summary>
    RowExclusive,

    /// <summary><c>SHARE UPDATE EXCLUSIVE</c>: <c>CREATE INDEX CONCURRENTLY</c>, <c>VALIDATE CONSTRAINT</c>; reads and writes go on.</summary>
    ShareUpdateExclusive,

    /// <summary><c>SHARE</c>: <c>CREATE INDEX</c>; blocks writes for the whole build, reads go on.</summary>
    Share,

    /// <summary><c>SHARE ROW EXCLUSIVE</c>: adding a foreign key (on both tables); blocks writes.</summary>
    ShareRowExclusive,

    /// <summary><c>EXCLUSIVE</c>: blocks everything but plain reads.</summary>
    Exclusive,

    /// <summary><c>ACCESS EXCLUSIVE</c>: most <c>ALTER TABLE</c> forms, <c>DROP</c>; blocks reads and writes.</summary>
    AccessExclusive,
}

using System.Text;

namespace MigrationKit.Sqlite;

/// <summary>
/// A <c>CREATE TABLE</c> statement taken apart along SQLite's grammar (column definitions with their constraints, table
/// constraints, table options), every part located by token, so that a table rebuild changes only the part a migration
/// targets and keeps the rest of the text exactly as written. Edits are collected, then applied at once by
/// <see cref="ToString"/>.
/// </summary>
internal sealed class SqliteCreateTable
{
    private static readonly string[] ColumnConstraintStarts = ["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"];

    private readonly List<(int Start, int End, string Text)> _edits = [];

    private SqliteCreateTable(string sql, List<SqlToken> tokens, List<SqliteTableItem> items, IReadOnlyList<string> options)
    {
        Sql = sql;
        Tokens = tokens;
        Items = items;
        Options = options;
    }

    /// <summary>The statement as read.</summary>
    public string Sql { get; }

    /// <summary>Its tokens.</summary>
    public List<SqlToken> Tokens { get; }

    /// <summary>The items of the body, in order.</summary>
    public List<SqliteTableItem> Items { get; }

    /// <summary>The table options after the body, upper case (<c>STRICT</c>, <c>WITHOUT ROWID</c>).</summary>
    public IReadOnlyList<string> Options { get; }

    /// <summary>The column definitions, in order.</summary>
    public IEnumerable<SqliteTableItem> Columns => Items.Where(i => i.Column is not null);

    /// <summary>Takes a statement apart.</summary>
    /// <param name="sql">The statement, as <c>sqlite_schema</c> keeps it.</param>
    /// <returns>The parts, or <see langword="null"/> when some part does not follow the grammar this parser knows (then nothing may be edited).</returns>
    public static SqliteCreateTable? Parse(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = SqliteSqlParser.Tokenize(sql);
        var open = tokens.FindIndex(t => t.Is('('));
        if (open < 0 || tokens.Take(open).Any(t => t.Is("AS")))
        {
            // CREATE TABLE … AS SELECT: no column definitions to keep.
            return null;
        }

        var close = SqliteSqlParser.Close(tokens, open);
        if (close >= tokens.Count)
        {
            return null;
        }

        var items = new List<SqliteTableItem>();
        foreach (var (from, to) in SqliteSqlParser.Split(tokens, open + 1, close))
        {
            var first = tokens[from];
            var constraint = first.Is("CONSTRAINT") || first.Is("PRIMARY") || first.Is("UNIQUE") || first.Is("CHECK") || first.Is("FOREIGN");
            var item = constraint ? TableConstraint(sql, tokens, from, to) : Column(sql, tokens, from, to);

            // An item the parser does not understand is still an item: kept as written, never edited.
            items.Add(item ?? new SqliteTableItem(from, to, null, from, from, []) { IsOpaque = true });
        }

        var options = new List<string>();
        var words = new List<string>();
        for (var i = close + 1; i <= tokens.Count; i++)
        {
            if (i == tokens.Count || tokens[i].Is(',') || tokens[i].Is(';'))
            {
                if (words.Count > 0)
                {
                    options.Add(string.Join(' ', words));
                    words.Clear();
                }
            }
            else if (tokens[i].Kind == SqlTokenKind.Word)
            {
                words.Add(tokens[i].Value.ToUpperInvariant());
            }
            else
            {
                return null;
            }
        }

        return new SqliteCreateTable(sql, tokens, items, options);
    }

    /// <summary>The column definition of a column (names compared as SQLite does, without regard to ASCII case).</summary>
    /// <param name="column">The column.</param>
    /// <returns>Its item, or <see langword="null"/>.</returns>
    public SqliteTableItem? FindColumn(string column) =>
        Items.FirstOrDefault(i => i.Column is not null && string.Equals(i.Column, column, StringComparison.OrdinalIgnoreCase));

    /// <summary>The text of a token range, verbatim.</summary>
    /// <param name="from">The first token.</param>
    /// <param name="to">Just after the last token.</param>
    /// <returns>The text.</returns>
    public string Text(int from, int to) => from >= to ? string.Empty : Sql[Tokens[from].Start..Tokens[to - 1].End];

    /// <summary>Cuts an item out, with the comma and white space that separate it from the one before (or after, for the first).</summary>
    /// <param name="item">The item.</param>
    public void Remove(SqliteTableItem item)
    {
        var index = Items.IndexOf(item);
        if (index > 0)
        {
            _edits.Add((Tokens[Items[index - 1].To - 1].End, Tokens[item.To - 1].End, string.Empty));
        }
        else if (Items.Count > 1)
        {
            _edits.Add((Tokens[item.From].Start, Tokens[Items[1].From].Start, string.Empty));
        }
        else
        {
            _edits.Add((Tokens[item.From].Start, Tokens[item.To - 1].End, string.Empty));
        }
    }

    /// <summary>Cuts a clause out of a column definition, with the white space before it.</summary>
    /// <param name="clause">The clause.</param>
    public void Remove(SqliteClause clause) => _edits.Add((Tokens[clause.From - 1].End, Tokens[clause.To - 1].End, string.Empty));

    /// <summary>Cuts one token out, with the white space before it.</summary>
    /// <param name="token">The token's index.</param>
    public void RemoveToken(int token) => _edits.Add((Tokens[token - 1].End, Tokens[token].End, string.Empty));

    /// <summary>Writes a new item after another one, separated by <c>", "</c> as SQLite's own <c>ADD COLUMN</c> does.</summary>
    /// <param name="after">The item to write it after.</param>
    /// <param name="text">The new item.</param>
    public void InsertAfter(SqliteTableItem after, string text) => _edits.Add((Tokens[after.To - 1].End, Tokens[after.To - 1].End, ", " + text));

    /// <summary>Writes text just after a token.</summary>
    /// <param name="token">The token's index.</param>
    /// <param name="text">The text, with its own leading space.</param>
    public void InsertAfterToken(int token, string text) => _edits.Add((Tokens[token].End, Tokens[token].End, text));

    /// <summary>Replaces a token range.</summary>
    /// <param name="from">The first token.</param>
    /// <param name="to">Just after the last token.</param>
    /// <param name="text">The new text.</param>
    public void Replace(int from, int to, string text) => _edits.Add((Tokens[from].Start, Tokens[to - 1].End, text));

    /// <summary>The statement with every edit applied.</summary>
    /// <returns>The new statement.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Sql);
        // From the end backwards; edits at one position in reverse order of making, so that their texts come out in that order.
        foreach (var (start, end, replacement) in _edits.Select((e, n) => (e.Start, e.End, e.Text, n)).OrderByDescending(e => e.Start).ThenByDescending(e => e.n).Select(e => (e.Start, e.End, e.Text)))
        {
            text.Remove(start, end - start).Insert(start, replacement);
        }

        return text.ToString();
    }

    private static SqliteTableItem? Column(string sql, List<SqlToken> tokens, int from, int to)
    {
        if (!tokens[from].IsName)
        {
            return null;
        }

        var i = from + 1;
        while (i < to && tokens[i].IsName && !(tokens[i].Kind == SqlTokenKind.Word && ColumnConstraintStarts.Any(tokens[i].Is)))
        {
            i++;
        }

        if (i < to && i > from + 1 && tokens[i].Is('('))
        {
            i = SqliteSqlParser.Close(tokens, i) + 1;
        }

        var typeTo = Math.Min(i, to);
        var clauses = new List<SqliteClause>();
        while (i < to)
        {
            var clause = ColumnConstraint(sql, tokens, i, to);
            if (clause is null)
            {
                return new SqliteTableItem(from, to, tokens[from].Value, from + 1, typeTo, clauses) { IsOpaque = true };
            }

            clauses.Add(clause);
            i = clause.To;
        }

        return new SqliteTableItem(from, to, tokens[from].Value, from + 1, typeTo, clauses);
    }

    private static SqliteClause? ColumnConstraint(string sql, List<SqlToken> tokens, int start, int to)
    {
        bool At(int index, string keyword) => index < to && tokens[index].Is(keyword);
        var i = start;
        string? name = null;
        if (At(i, "CONSTRAINT"))
        {
            if (i + 1 >= to)
            {
                return null;
            }

            name = tokens[i + 1].Value;
            i += 2;
        }

        if (i >= to)
        {
            return null;
        }

        SqliteClause? clause;
        if (At(i, "PRIMARY") && At(i + 1, "KEY"))
        {
            i += 2;
            i += At(i, "ASC") || At(i, "DESC") ? 1 : 0;
            i = Conflict(tokens, i, to);
            var autoincrement = At(i, "AUTOINCREMENT");
            clause = new SqliteClause(SqliteClauseKind.PrimaryKey, name, start, i + (autoincrement ? 1 : 0)) { Autoincrement = autoincrement };
        }
        else if (At(i, "NOT") && At(i + 1, "NULL"))
        {
            clause = new SqliteClause(SqliteClauseKind.NotNull, name, start, Conflict(tokens, i + 2, to));
        }
        else if (At(i, "NULL"))
        {
            clause = new SqliteClause(SqliteClauseKind.Null, name, start, Conflict(tokens, i + 1, to));
        }
        else if (At(i, "UNIQUE"))
        {
            clause = new SqliteClause(SqliteClauseKind.Unique, name, start, Conflict(tokens, i + 1, to));
        }
        else if (At(i, "CHECK") && i + 1 < to && tokens[i + 1].Is('('))
        {
            var close = SqliteSqlParser.Close(tokens, i + 1);
            clause = new SqliteClause(SqliteClauseKind.Check, name, start, close + 1) { Text = Inner(sql, tokens, i + 1, close) };
        }
        else if (At(i, "DEFAULT") && i + 1 < to)
        {
            var value = i + 1;
            var end = tokens[value].Is('(') ? SqliteSqlParser.Close(tokens, value) + 1 : (tokens[value].Is('-') || tokens[value].Is('+')) ? value + 2 : value + 1;
            clause = end > to ? null : new SqliteClause(SqliteClauseKind.Default, name, start, end) { Text = sql[tokens[value].Start..tokens[end - 1].End], ValueFrom = value };
        }
        else if (At(i, "COLLATE") && i + 1 < to)
        {
            clause = new SqliteClause(SqliteClauseKind.Collate, name, start, i + 2) { Text = tokens[i + 1].Value };
        }
        else if (At(i, "REFERENCES"))
        {
            var end = ForeignKeyClause(tokens, i, to);
            clause = end < 0 ? null : new SqliteClause(SqliteClauseKind.ForeignKey, name, start, end) { Principal = tokens[i + 1].Value };
        }
        else if ((At(i, "GENERATED") && At(i + 1, "ALWAYS") && At(i + 2, "AS")) || At(i, "AS"))
        {
            i += At(i, "GENERATED") ? 3 : 1;
            if (i >= to || !tokens[i].Is('('))
            {
                return null;
            }

            var close = SqliteSqlParser.Close(tokens, i);
            var stored = At(close + 1, "STORED");
            var end = close + 1 + (stored || At(close + 1, "VIRTUAL") ? 1 : 0);
            clause = new SqliteClause(SqliteClauseKind.Generated, name, start, end) { Text = Inner(sql, tokens, i, close), Stored = stored };
        }
        else
        {
            return null;
        }

        return clause is null || clause.To > to ? null : clause;
    }

    private static SqliteTableItem? TableConstraint(string sql, List<SqlToken> tokens, int from, int to)
    {
        bool At(int index, string keyword) => index < to && tokens[index].Is(keyword);
        var i = from;
        string? name = null;
        if (At(i, "CONSTRAINT"))
        {
            name = i + 1 < to ? tokens[i + 1].Value : null;
            i += 2;
        }

        SqliteClause clause;
        if ((At(i, "PRIMARY") && At(i + 1, "KEY")) || At(i, "UNIQUE"))
        {
            var open = i + (At(i, "PRIMARY") ? 2 : 1);
            if (open >= to || !tokens[open].Is('('))
            {
                return null;
            }

            var close = SqliteSqlParser.Close(tokens, open);
            if (Conflict(tokens, close + 1, to) != to)
            {
                return null;
            }

            clause = new SqliteClause(At(i, "UNIQUE") ? SqliteClauseKind.Unique : SqliteClauseKind.PrimaryKey, name, from, to) { Columns = Names(tokens, open, close) };
        }
        else if (At(i, "CHECK") && i + 1 < to && tokens[i + 1].Is('('))
        {
            var close = SqliteSqlParser.Close(tokens, i + 1);
            if (close + 1 != to)
            {
                return null;
            }

            clause = new SqliteClause(SqliteClauseKind.Check, name, from, to) { Text = Inner(sql, tokens, i + 1, close) };
        }
        else if (At(i, "FOREIGN") && At(i + 1, "KEY") && i + 2 < to && tokens[i + 2].Is('('))
        {
            var close = SqliteSqlParser.Close(tokens, i + 2);
            if (!At(close + 1, "REFERENCES") || ForeignKeyClause(tokens, close + 1, to) != to)
            {
                return null;
            }

            clause = new SqliteClause(SqliteClauseKind.ForeignKey, name, from, to) { Columns = Names(tokens, i + 2, close), Principal = tokens[close + 2].Value };
        }
        else
        {
            return null;
        }

        return new SqliteTableItem(from, to, null, from, from, [clause]);
    }

    /// <summary>Skips <c>ON CONFLICT resolution</c> if it is there.</summary>
    private static int Conflict(List<SqlToken> tokens, int i, int to) =>
        i + 2 < to && tokens[i].Is("ON") && tokens[i + 1].Is("CONFLICT") ? i + 3 : i;

    /// <summary>The end of a foreign-key clause that starts at <c>REFERENCES</c>, or -1 when it does not follow the grammar.</summary>
    private static int ForeignKeyClause(List<SqlToken> tokens, int references, int to)
    {
        bool At(int index, string keyword) => index < to && tokens[index].Is(keyword);
        var i = references + 1;
        if (i >= to || !tokens[i].IsName)
        {
            return -1;
        }

        i++;
        if (i < to && tokens[i].Is('('))
        {
            i = SqliteSqlParser.Close(tokens, i) + 1;
        }

        while (i < to)
        {
            if (At(i, "ON") && (At(i + 1, "DELETE") || At(i + 1, "UPDATE")))
            {
                i += 2;
                i += At(i, "SET") || At(i, "NO") ? 2 : 1;
            }
            else if (At(i, "MATCH"))
            {
                i += 2;
            }
            else if (At(i, "NOT") && At(i + 1, "DEFERRABLE"))
            {
                i++;
            }
            else if (At(i, "DEFERRABLE"))
            {
                i += At(i + 1, "INITIALLY") ? 3 : 1;
            }
            else
            {
                break;
            }
        }

        return i > to ? -1 : i;
    }

    private static string[] Names(List<SqlToken> tokens, int open, int close) =>
        SqliteSqlParser.Split(tokens, open + 1, close).Select(r => tokens[r.From].Value).ToArray();

    private static string Inner(string sql, List<SqlToken> tokens, int open, int close) =>
        close >= tokens.Count ? sql[tokens[open].End..].Trim() : sql[tokens[open].End..tokens[close].Start].Trim();
}

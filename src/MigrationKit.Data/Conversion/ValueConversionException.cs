namespace MigrationKit.Data.Conversion;

/// <summary>A value that cannot become the expected type; the engine turns it into a <c>DataMoveRowException</c>.</summary>
internal sealed class ValueConversionException : Exception
{
    public ValueConversionException(string reason, Exception? innerException = null)
        : base(reason, innerException)
    {
    }

    public ValueConversionException()
    {
    }

    public ValueConversionException(string message)
        : base(message)
    {
    }
}

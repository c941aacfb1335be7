namespace FiftyOneBrain.Fuzz;

/// <summary>One reader under fuzzing: how to feed it one input, and what valid inputs look like.</summary>
public interface IFuzzTarget
{
    /// <summary>The name on the command line and the corpus folder (tests/Fuzz/corpus/&lt;name&gt;).</summary>
    string Name { get; }

    /// <summary>Small valid inputs, written to the corpus folder by the "seeds" command.</summary>
    IReadOnlyDictionary<string, byte[]> Seeds();

    /// <summary>Reads <paramref name="input"/> to the end; the reader's own error for bad input is swallowed, anything else escapes.</summary>
    void Run(byte[] input);
}

namespace FiftyOneBrain.Brain;

/// <summary>
/// A sample (or the whole input) cannot be scored as asked: missing logits, NaN values, wrong lengths.
/// Carries a stable <see cref="ErrorId"/> so the cmdlets can report it as a PowerShell error id.
/// </summary>
public sealed class BrainInputException : Exception
{
    public BrainInputException(string errorId, string message) : base(message) => ErrorId = errorId;

    public string ErrorId { get; }
}

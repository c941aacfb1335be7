using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Brain;

/// <summary>Which confident-learning score becomes mistakenness (1 - score).</summary>
public enum ConfidentLearningRanking { SelfConfidence, NormalizedMargin }

public sealed record ConfidentLearningOptions
{
    public string LabelField { get; init; } = "ground_truth";
    public string PredictionField { get; init; } = "predictions";
    public string MistakennessField { get; init; } = "mistakenness";
    public string LabelIssueField { get; init; } = "label_issue";
    public ConfidentLearningRanking RankBy { get; init; } = ConfidentLearningRanking.SelfConfidence;
    /// <summary>Class names in logit order; inferred from the predictions (label = argmax of logits) when null.</summary>
    public IReadOnlyList<string>? Classes { get; init; }
}

/// <summary>A confident-learning run over buffered samples: those scored, those rejected (with why) and the raw result.</summary>
public sealed record ConfidentLearningRun(
    IReadOnlyList<Sample> Scored,
    IReadOnlyList<(Sample Sample, BrainInputException Error)> Rejected,
    IReadOnlyList<string> Classes,
    ConfidentLearningResult Result);

/// <summary>
/// Maps samples to the arrays <see cref="ConfidentLearning"/> works on and writes mistakenness and label_issue back.
/// Class probabilities come from a prediction's "probabilities" attribute when present, else softmax(logits).
/// </summary>
public static class ConfidentLearningScorer
{
    /// <summary>The prediction attribute read as class probabilities in place of softmax(logits).</summary>
    public const string ProbabilitiesAttribute = "probabilities";

    public static ConfidentLearningRun Run(IReadOnlyList<Sample> samples, ConfidentLearningOptions o)
    {
        if (samples.Count == 0) throw new BrainInputException("NoSamples", "Confident learning got no samples.");
        var rejected = new List<(Sample, BrainInputException)>();
        var rows = new List<(Sample Sample, string Truth, Classification Prediction, double[] Scores, bool AreProbabilities)>();
        foreach (var s in samples)
        {
            try { rows.Add(Read(s, o)); }
            catch (BrainInputException e) { rejected.Add((s, e)); }
        }

        var classes = o.Classes?.ToArray()
                      ?? RecordedClasses(rows.Select(r => r.Prediction))
                      ?? InferClasses(rows.Select(r => (r.Prediction.Label, r.Scores)));
        if (classes.Length < 2) throw new BrainInputException("TooFewClasses", "Confident learning needs at least two classes.");
        if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Length) throw new BrainInputException("DuplicateClass", "The class list names a class twice.");
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

        var k = classes.Length;
        var usable = new List<Sample>();
        var labels = new List<int>();
        var probabilities = new List<double>();
        foreach (var r in rows)
        {
            if (r.Scores.Length != k)
            {
                rejected.Add((r.Sample, new BrainInputException("LogitsLengthMismatch",
                    $"Sample '{r.Sample.Id}' field '{o.PredictionField}' has {r.Scores.Length} {(r.AreProbabilities ? "probabilities" : "logits")} but there are {k} classes.")));
                continue;
            }
            if (!index.TryGetValue(r.Truth, out var y))
            {
                rejected.Add((r.Sample, new BrainInputException("UnknownClass",
                    $"Sample '{r.Sample.Id}' field '{o.LabelField}' is '{r.Truth}', which is not one of the {k} classes.")));
                continue;
            }
            usable.Add(r.Sample);
            labels.Add(y);
            probabilities.AddRange(r.AreProbabilities ? r.Scores : SoftmaxEntropy.Softmax(r.Scores));
        }
        if (usable.Count == 0) throw new BrainInputException("NoUsableSamples", "No sample has both a ground-truth label and class scores that confident learning can use.");

        var result = ConfidentLearning.Find(probabilities.ToArray(), labels.ToArray(), k);
        for (var i = 0; i < usable.Count; i++)
        {
            var score = o.RankBy == ConfidentLearningRanking.SelfConfidence ? result.SelfConfidence[i] : result.NormalizedMargin[i];
            usable[i].SetField(o.MistakennessField, 1.0 - score);
            usable[i].SetField(o.LabelIssueField, result.IsLabelIssue[i]);
        }
        return new ConfidentLearningRun(usable, rejected, classes, result);
    }

    /// <summary>The class list the model recorded on its predictions (Prediction.ClassesAttribute), or null when none did.</summary>
    public static string[]? RecordedClasses(IEnumerable<Classification> predictions)
    {
        string[]? classes = null;
        foreach (var p in predictions)
        {
            if (p.GetField(Models.Prediction.ClassesAttribute) is not string[] recorded) continue;
            if (classes is null) classes = recorded;
            else if (!ReferenceEquals(classes, recorded) && !classes.SequenceEqual(recorded, StringComparer.Ordinal))
                throw new BrainInputException("AmbiguousClasses",
                    $"Predictions record different class lists ({string.Join(", ", classes)} and {string.Join(", ", recorded)}); pass -Classes.");
        }
        return classes;
    }

    /// <summary>Class order from predictions whose label is the argmax of their scores; every index must be named once.</summary>
    public static string[] InferClasses(IEnumerable<(string? Label, double[] Scores)> predictions)
    {
        string?[]? names = null;
        foreach (var (label, scores) in predictions)
        {
            if (label is null) continue;
            names ??= new string?[scores.Length];
            if (scores.Length != names.Length)
                throw new BrainInputException("LogitsLengthMismatch", $"Predictions have {names.Length} and {scores.Length} logits; pass -Classes to say which is right.");
            var arg = 0;
            for (var j = 1; j < scores.Length; j++) if (scores[j] > scores[arg]) arg = j;
            if (names[arg] is null) names[arg] = label;
            else if (names[arg] != label)
                throw new BrainInputException("AmbiguousClasses", $"Logit {arg} is the argmax of predictions labelled '{names[arg]}' and '{label}'; pass -Classes.");
        }
        if (names is null) throw new BrainInputException("NoUsableSamples", "No prediction to infer the classes from; pass -Classes.");
        var missing = Enumerable.Range(0, names.Length).Where(j => names[j] is null).ToArray();
        if (missing.Length > 0)
            throw new BrainInputException("AmbiguousClasses",
                $"No prediction has logit {string.Join(", ", missing)} as its argmax, so its class name is unknown; pass -Classes.");
        return names!;
    }

    private static (Sample, string, Classification, double[], bool) Read(Sample s, ConfidentLearningOptions o)
    {
        var truth = LabelReader.Optional(s, o.LabelField) switch
        {
            null => throw new BrainInputException("MissingGroundTruth", $"Sample '{s.Id}' has no field '{o.LabelField}'; confident learning needs a given label on every sample."),
            Classification c when c.Label is not null => c.Label,
            Classification => throw new BrainInputException("MissingGroundTruth", $"Sample '{s.Id}' field '{o.LabelField}' has no label."),
            var other => throw new BrainInputException("UnsupportedLabelType", $"Sample '{s.Id}' field '{o.LabelField}' holds {other.TypeName}; confident learning scores single-label Classification."),
        };
        var prediction = LabelReader.Optional(s, o.PredictionField) switch
        {
            null => throw new BrainInputException("MissingPrediction", $"Sample '{s.Id}' has no field '{o.PredictionField}'; confident learning needs class scores on every sample."),
            Classification c => c,
            var other => throw new BrainInputException("UnsupportedLabelType", $"Sample '{s.Id}' field '{o.PredictionField}' holds {other.TypeName}; confident learning scores single-label Classification."),
        };
        if (prediction.GetField(ProbabilitiesAttribute) is { } raw)
            return (s, truth, prediction, Probabilities(s, o.PredictionField, raw), true);
        return (s, truth, prediction, LabelReader.Logits(s, o.PredictionField, prediction), false);
    }

    private static double[] Probabilities(Sample s, string field, object raw)
    {
        var p = raw switch
        {
            double[] d => d,
            float[] f => f.Select(v => (double)v).ToArray(),
            _ => throw new BrainInputException("InvalidProbabilities", $"Sample '{s.Id}' field '{field}' attribute '{ProbabilitiesAttribute}' is not a list of numbers."),
        };
        var sum = 0.0;
        foreach (var v in p)
        {
            if (!(v >= 0 && v <= 1)) throw new BrainInputException("InvalidProbabilities", $"Sample '{s.Id}' field '{field}' has a class probability of {v}.");
            sum += v;
        }
        if (p.Length == 0 || Math.Abs(sum - 1) > 1e-4)
            throw new BrainInputException("InvalidProbabilities", $"Sample '{s.Id}' field '{field}' class probabilities sum to {sum}, not 1.");
        return p;
    }
}

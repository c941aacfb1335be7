using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// The samples of an array dataset after its images were unpacked to &lt;dataDir&gt;/000000.png ...:
/// one per label byte, tagged with the split, with a Classification from the class list.
/// Shared by the IDX (MNIST) and CIFAR-10 readers.
/// </summary>
public static class UnpackedClassificationSamples
{
    public static IEnumerable<ReadResult> Enumerate(IReadOnlyList<byte> labels, IReadOnlyList<string> classes, string split, string dataDir,
        string labelsSource, string datasetName, string labelField)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (label >= classes.Count)
            {
                yield return ReadResult.Fail(DatasetProblemKind.LabelIndexOutOfRange, labelsSource,
                    $"Record {i} has label index {label}, but {datasetName} has {classes.Count} classes (0..{classes.Count - 1}).");
                continue;
            }
            var path = Path.Combine(dataDir, ImageArrayCache.FileName(i));
            if (!File.Exists(path))
            {
                yield return ReadResult.Fail(DatasetProblemKind.MediaFileMissing, path, $"Unpacked image is missing from the cache: {path}");
                continue;
            }
            var sample = new Sample(path);
            sample.Tags.Add(split);
            sample.SetField(labelField, new Classification(classes[label]));
            yield return ReadResult.Of(sample);
        }
    }
}

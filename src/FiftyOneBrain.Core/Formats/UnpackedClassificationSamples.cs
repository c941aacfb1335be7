using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// The samples of an array dataset after its images were unpacked to &lt;dataDir&gt;/000000.png ...:
/// one per label byte, tagged with the split, with a Classification from the class list.
/// Shared by the IDX (MNIST) and CIFAR-10 readers. A cached PNG that is missing or damaged (deleted, truncated,
/// overwritten) is unpacked again from the source array, loaded only when the first repair needs it.
/// </summary>
public static class UnpackedClassificationSamples
{
    public static IEnumerable<ReadResult> Enumerate(IReadOnlyList<byte> labels, IReadOnlyList<string> classes, string split, string dataDir,
        string labelsSource, string datasetName, string labelField, Func<IImageArray> source)
    {
        var images = new Lazy<IImageArray>(source, LazyThreadSafetyMode.None);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (label >= classes.Count)
            {
                yield return ReadResult.Fail(DatasetProblemKind.LabelIndexOutOfRange, labelsSource,
                    $"Record {i + 1} of {labelsSource} has label index {label}, but {datasetName} has {classes.Count} classes (0..{classes.Count - 1}).");
                continue;
            }
            var path = Path.Combine(dataDir, ImageArrayCache.FileName(i));
            if (!ImageArrayCache.IsIntactPng(path)) ImageArrayCache.Repair(images.Value, i, path);
            var sample = new Sample(path);
            sample.Tags.Add(split);
            sample.SetField(labelField, new Classification(classes[label]));
            yield return ReadResult.Of(sample);
        }
    }
}

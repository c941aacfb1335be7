using FiftyOneBrain.Formats;

namespace FiftyOneBrain.Fuzz.Targets;

/// <summary>The YOLOv5 reader, fuzzed in its two text files: data.yaml and one labels file.</summary>
public static class TextDatasetTargets
{
    public static IFuzzTarget YoloYaml() => new DatasetTarget("yolo-yaml", new YoloV5DatasetFormat(), s =>
        {
            s.Write("dataset/images/train/a.png", Scratch.Image(8, 6));
            s.Write("dataset/images/val/b.png", Scratch.Image(8, 6));
            s.WriteText("dataset/labels/train/a.txt", "0 0.5 0.5 0.2 0.2\n1 0.3 0.3 0.1 0.1 0.9\n");
            s.WriteText("dataset/labels/val/b.txt", "1 0.5 0.5 0.5 0.5\n");
        }, "data.yaml",
        Seeds.Text(
            ("names-map.yaml", "path: .\ntrain: ./images/train/\nval: ./images/val/\nnc: 2\nnames:\n  0: \"cat\"\n  1: \"dog\"\n"),
            ("names-list.yaml", "train: images/train\nval: images/val\ntest: images/test\nnames: [cat, dog]\n")));

    public static IFuzzTarget YoloLabels() => new DatasetTarget("yolo-labels", new YoloV5DatasetFormat(), s =>
        {
            s.WriteText("dataset/data.yaml", "train: ./images/train/\nnames: [cat, dog, bird]\n");
            s.Write("dataset/images/train/a.png", Scratch.Image(8, 6));
        }, "labels/train/a.txt",
        Seeds.Text(
            ("boxes.txt", "0 0.5 0.5 0.2 0.2\n"),
            ("confidence.txt", "2 0.1 0.2 0.3 0.4 0.95\n\n1 0.9 0.9 0.05 0.05\n")));
}

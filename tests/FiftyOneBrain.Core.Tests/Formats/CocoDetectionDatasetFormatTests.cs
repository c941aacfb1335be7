using FiftyOneBrain.Formats;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Formats;

public sealed class CocoDetectionDatasetFormatTests
{
    private static readonly CocoDetectionDatasetFormat Format = new();

    [Fact]
    public void Reads_pixel_boxes_as_relative_boxes_using_the_image_size()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("chelsea.png", dir["data/chelsea.png"]); // 451 x 300
        File.WriteAllText(dir["labels.json"], """
            {"categories": [{"id": 7, "name": "cat"}, {"id": 9, "name": "ear"}],
             "images": [{"id": 3, "file_name": "chelsea.png", "width": 451, "height": 300}],
             "annotations": [
               {"id": 1, "image_id": 3, "category_id": 7, "bbox": [45.1, 30, 225.5, 150], "area": 33825, "iscrowd": 0, "score": 0.9},
               {"id": 2, "image_id": 3, "category_id": 9, "bbox": [0, 0, 451, 300], "iscrowd": 0, "mistakenness": 0.5}]}
            """);

        var sample = Assert.Single(Format.Read(dir.Path, DatasetReadOptions.Default).SamplesOrThrow());

        var boxes = sample.GetField<Detections>("ground_truth")!.Items;
        Assert.Equal(["cat", "ear"], boxes.Select(b => b.Label));
        Assert.Equal([0.1, 0.1, 0.5, 0.5], boxes[0].BoundingBox.Select(v => Math.Round(v, 12)));
        Assert.Equal(0.9, boxes[0].Confidence);
        Assert.Equal([0.0, 0.0, 1.0, 1.0], boxes[1].BoundingBox);
        Assert.Equal(0.5, boxes[1].GetField("mistakenness"));
        Assert.Empty(boxes[0].FieldNames);
    }

    [Fact]
    public void Round_trip_keeps_boxes_confidences_and_attributes()
    {
        using var dir = new TempDir();
        var a = new Sample(FormatTestFiles.CopyPhoto("coffee.png", dir["src/coffee.png"]));
        var cup = new Detection("cup", [0.25, 0.125, 0.5, 0.375], 0.875);
        cup.SetField("mistakenness_loc", 0.125);
        cup.SetField("possible_missing", true);
        a.SetField("gt", new Detections([cup, new Detection("saucer", [0.1, 0.7, 0.8, 0.2])]));
        var b = new Sample(FormatTestFiles.CopyPhoto("camera.png", dir["src/camera.png"]));
        Assert.Empty(Format.Write([a, b], dir["coco"], new DatasetWriteOptions { LabelField = "gt" }));

        var back = Format.Read(dir["coco"], new DatasetReadOptions { LabelField = "gt" }).SamplesOrThrow();

        Assert.Equal(2, back.Count);
        var boxes = back[0].GetField<Detections>("gt")!.Items;
        Assert.Equal(["cup", "saucer"], boxes.Select(d => d.Label));
        for (var i = 0; i < 2; i++)
            Assert.Equal(a.GetField<Detections>("gt")!.Items[i].BoundingBox, boxes[i].BoundingBox, (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.Equal(0.875, boxes[0].Confidence);
        Assert.Equal([("mistakenness_loc", (object?)0.125), ("possible_missing", true)], boxes[0].FieldNames.Select(n => (n, boxes[0].GetField(n))));
        Assert.Null(back[1].GetField("gt"));
    }

    [Fact]
    public void Unknown_category_malformed_box_and_escaping_path_are_one_problem_each()
    {
        using var dir = new TempDir();
        FormatTestFiles.CopyPhoto("camera.png", dir["data/a.png"]);
        FormatTestFiles.CopyPhoto("camera.png", dir["data/b.png"]);
        FormatTestFiles.CopyPhoto("camera.png", dir["data/c.png"]);
        File.WriteAllText(dir["labels.json"], """
            {"categories": [{"id": 1, "name": "x"}],
             "images": [{"id": 1, "file_name": "a.png"}, {"id": 2, "file_name": "b.png"}, {"id": 3, "file_name": "c.png"},
                        {"id": 4, "file_name": "../../secret.png"}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 5, "bbox": [0, 0, 1, 1]},
                             {"id": 2, "image_id": 2, "category_id": 1, "bbox": [0, 0, 1]},
                             {"id": 3, "image_id": 3, "category_id": 1, "bbox": [0, 0, 256, 512]}]}
            """);
        var samples = Format.Read(dir.Path, DatasetReadOptions.Default).Samples(out var problems);
        Assert.Equal([0.0, 0.0, 0.5, 1.0], Assert.Single(samples).GetField<Detections>("ground_truth")!.Items[0].BoundingBox);
        Assert.Equal([DatasetProblemKind.LabelIndexOutOfRange, DatasetProblemKind.MalformedLabels, DatasetProblemKind.PathOutsideDatasetRoot], problems.Select(p => p.Kind));
    }

    [Fact]
    public void Malformed_coco_json_stops_the_read()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["labels.json"], "{\"images\": 5}");
        Assert.Equal(dir["labels.json"], Assert.Throws<MalformedDatasetFileException>(() => Format.Read(dir.Path, DatasetReadOptions.Default).ToList()).FilePath);
    }
}

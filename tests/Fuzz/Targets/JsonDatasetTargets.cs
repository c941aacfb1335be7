using System.Text;
using System.Text.Json;
using FiftyOneBrain.Formats;

namespace FiftyOneBrain.Fuzz.Targets;

/// <summary>The readers whose fuzzed file is JSON: samples.json, an image-classification labels.json, COCO labels.json.</summary>
public static class JsonDatasetTargets
{
    private static void TwoImagesInData(Scratch s)
    {
        s.Write("dataset/data/a.png", Scratch.Image(8, 6));
        s.Write("dataset/data/b.png", Scratch.Image(8, 6));
    }

    public static IFuzzTarget Samples() => new DatasetTarget("samples-json", new FiftyOneDatasetFormat(), TwoImagesInData, "samples.json",
        Seeds.Text(
            ("classification.json", """
                {"samples": [{"_id": {"$oid": "5f8d254a4a1b2c3d4e5f6a7b"}, "filepath": "data/a.png", "tags": ["train"], "_media_type": "image",
                  "metadata": null, "created_at": {"$date": "2024-01-02T03:04:05.000Z"}, "last_modified_at": {"$date": 1704164645000},
                  "ground_truth": {"_id": {"$oid": "5f8d254a4a1b2c3d4e5f6a7c"}, "_cls": "Classification", "tags": [], "label": "cat",
                    "confidence": 0.9, "logits": [0.1, 2.5], "attributes": {"old": {"_cls": "NumericAttribute", "value": 2}}},
                  "uniqueness": 0.5, "count": 3, "big": {"$numberLong": "9007199254740993"}, "score": {"$numberDouble": "NaN"},
                  "note": "x", "flags": [true, false], "meta": {"k": "v", "n": null}}]}
                """),
            ("detections.json", """
                {"samples": [{"filepath": "data/b.png", "tags": ["validation", "x"],
                  "predictions": {"_cls": "Detections", "detections": [{"_cls": "Detection", "label": "dog",
                    "bounding_box": [0.1, 0.2, 0.3, 0.4], "confidence": 0.8, "mistakenness": 0.2, "tags": ["t"]}]},
                  "multi": {"_cls": "Classifications", "classifications": [{"_cls": "Classification", "label": "a"}], "logits": [1, 2]},
                  "other": {"_cls": "Keypoints", "keypoints": []}}, {"filepath": "data/a.png"}]}
                """),
            ("vector.json", VectorSample())));

    /// <summary>A sample with a VectorField as FiftyOne stores it (zlib-compressed .npy in $binary).</summary>
    private static string VectorSample()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("samples");
            w.WriteStartObject();
            w.WriteString("filepath", "data/a.png");
            w.WritePropertyName("embedding");
            FiftyOneJson.WriteVectorField(w, [0.25, -1.5, 3.0]);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IFuzzTarget ClassificationLabels() => new DatasetTarget("labels-json", new FiftyOneImageClassificationDatasetFormat(), TwoImagesInData, "labels.json",
        Seeds.Text(
            ("indices.json", """
                {"classes": ["cat", "dog"], "labels": {"a": 0, "b": {"label": 1, "confidence": 0.75,
                  "attributes": {"logits": [0.2, 1.3], "mistakenness": 0.1, "when": {"$date": "2024-01-02T03:04:05Z"}}}}}
                """),
            ("strings.json", """{"labels": {"a": "cat", "b": [{"label": "dog"}, "cat"]}}"""),
            ("multilabel.json", """{"classes": ["cat", "dog"], "labels": {"a": null, "b": [0, 1]}}""")));

    public static IFuzzTarget Coco() => new DatasetTarget("coco", new CocoDetectionDatasetFormat(), TwoImagesInData, "labels.json",
        Seeds.Text(
            ("detections.json", """
                {"info": {"description": "seed"}, "licenses": [],
                 "categories": [{"id": 1, "name": "cat", "supercategory": null}, {"id": 2, "name": "dog"}],
                 "images": [{"id": 1, "file_name": "a.png", "width": 8, "height": 6}, {"id": 2, "file_name": "b.png", "width": 8, "height": 6}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 3, 2], "area": 6, "iscrowd": 0, "score": 0.9, "mistakenness": 0.3},
                   {"id": 2, "image_id": 2, "category_id": 2, "bbox": [0.0, 0.0, 8.0, 6.0], "iscrowd": 1, "segmentation": [], "extra": {"k": [1, 2]}}]}
                """),
            ("no-annotations.json", """{"categories": [], "images": [{"id": 7, "file_name": "b.png", "width": 8, "height": 6}]}""")));
}

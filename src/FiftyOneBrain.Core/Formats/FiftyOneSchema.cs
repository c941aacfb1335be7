using System.Text.Json;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// Collects the field schema of written samples and writes it as FiftyOne's dataset document
/// (metadata.json "sample_fields": name, ftype, embedded_doc_type, subfield, nested fields, db_field),
/// so FiftyOne knows each label field's class and every custom attribute when it loads the export.
/// </summary>
public sealed class FiftyOneSchema
{
    /// <summary>The dataset-document version written; FiftyOne migrates newer on load.</summary>
    public const string DocumentVersion = "1.0.0";

    private const string F = "fiftyone.core.fields.";
    private const string L = "fiftyone.core.labels.";

    private sealed record FieldDoc(string Name, string Ftype, string? Subfield = null, string? EmbeddedDocType = null, bool ReadOnly = false)
    {
        public List<FieldDoc> Fields { get; } = new();
        public string DbField => Ftype == F + "ObjectIdField" ? "_" + Name : Name;
    }

    private readonly List<FieldDoc> _fields = new()
    {
        new("id", F + "ObjectIdField"),
        new("filepath", F + "StringField"),
        new("tags", F + "ListField", F + "StringField"),
        MetadataField(),
        new("created_at", F + "DateTimeField", ReadOnly: true),
        new("last_modified_at", F + "DateTimeField", ReadOnly: true),
    };

    private readonly SortedSet<string> _labels = new(StringComparer.Ordinal);

    private static FieldDoc MetadataField()
    {
        var doc = new FieldDoc("metadata", F + "EmbeddedDocumentField", EmbeddedDocType: "fiftyone.core.metadata.ImageMetadata");
        doc.Fields.AddRange([new("size_bytes", F + "IntField"), new("mime_type", F + "StringField"), new("width", F + "IntField"), new("height", F + "IntField"), new("num_channels", F + "IntField")]);
        return doc;
    }

    public void Observe(Sample sample)
    {
        foreach (var name in sample.FieldNames) Merge(_fields, name, sample.GetField(name));
    }

    private void Merge(List<FieldDoc> fields, string name, object? value)
    {
        if (value is null) return;
        var existing = fields.Find(f => f.Name == name);
        if (existing is null)
        {
            existing = Describe(name, value);
            fields.Add(existing);
        }
        if (value is LabelObject label) MergeLabel(existing, label);
    }

    private void MergeLabel(FieldDoc doc, LabelObject label)
    {
        switch (label)
        {
            // A field holding different label types on different samples keeps the first type (FiftyOne refuses mixed types).
            case Detections ds when doc.Fields.Find(f => f.Name == "detections") is { } list:
                foreach (var d in ds.Items) MergeLabel(list, d);
                break;
            case Classifications cs when doc.Fields.Find(f => f.Name == "classifications") is { } items:
                foreach (var c in cs.Items) MergeLabel(items, c);
                break;
            case Classification c when c.Label is not null: _labels.Add(c.Label); break;
            case Detection d when d.Label is not null: _labels.Add(d.Label); break;
        }
        foreach (var attribute in label.FieldNames)
            if (attribute != "tags") Merge(doc.Fields, attribute, label.GetField(attribute));
    }

    private static FieldDoc Describe(string name, object value) => value switch
    {
        Classification => WithLabelFields(new FieldDoc(name, F + "EmbeddedDocumentField", EmbeddedDocType: L + "Classification"), "Classification"),
        Detection => WithLabelFields(new FieldDoc(name, F + "EmbeddedDocumentField", EmbeddedDocType: L + "Detection"), "Detection"),
        Detections => WithLabelFields(new FieldDoc(name, F + "EmbeddedDocumentField", EmbeddedDocType: L + "Detections"), "Detections"),
        Classifications => WithLabelFields(new FieldDoc(name, F + "EmbeddedDocumentField", EmbeddedDocType: L + "Classifications"), "Classifications"),
        bool => new(name, F + "BooleanField"),
        double or float or decimal => new(name, F + "FloatField"),
        long or int => new(name, F + "IntField"),
        string => new(name, F + "StringField"),
        DateTime => new(name, F + "DateTimeField"),
        float[] => new(name, F + "VectorField"),
        double[] => new(name, F + "ListField", F + "FloatField"),
        string[] => new(name, F + "ListField", F + "StringField"),
        System.Collections.IDictionary => new(name, F + "DictField"),
        System.Collections.IEnumerable => new(name, F + "ListField"),
        _ => new(name, F + "Field"),
    };

    /// <summary>The attributes FiftyOne's label classes declare themselves.</summary>
    private static FieldDoc WithLabelFields(FieldDoc doc, string cls)
    {
        doc.Fields.Add(new("id", F + "ObjectIdField"));
        doc.Fields.Add(new("tags", F + "ListField", F + "StringField"));
        switch (cls)
        {
            case "Classification":
                doc.Fields.AddRange([new("label", F + "StringField"), new("confidence", F + "FloatField"), new("logits", F + "VectorField")]);
                break;
            case "Detection":
                doc.Fields.AddRange([new("label", F + "StringField"), new("bounding_box", F + "ListField", F + "FloatField"), new("confidence", F + "FloatField")]);
                break;
            case "Detections":
                doc.Fields.Add(WithLabelFields(new FieldDoc("detections", F + "ListField", F + "EmbeddedDocumentField", L + "Detection"), "Detection"));
                break;
            case "Classifications":
                doc.Fields.Add(WithLabelFields(new FieldDoc("classifications", F + "ListField", F + "EmbeddedDocumentField", L + "Classification"), "Classification"));
                doc.Fields.Add(new("logits", F + "VectorField"));
                break;
        }
        return doc;
    }

    /// <summary>Writes metadata.json: the dataset document FiftyOne's importer loads (its own ids and names replace ours).</summary>
    public void WriteDatasetDocument(Utf8JsonWriter w, string name, int sampleCount)
    {
        var now = DateTime.UtcNow;
        w.WriteStartObject();
        FiftyOneJson.WriteObjectId(w, "_id", ObjectId.New());
        w.WriteString("name", name);
        w.WriteString("version", DocumentVersion);
        w.WritePropertyName("created_at"); FiftyOneJson.WriteValue(w, now);
        w.WritePropertyName("last_loaded_at"); FiftyOneJson.WriteValue(w, now);
        w.WritePropertyName("last_modified_at"); FiftyOneJson.WriteValue(w, now);
        w.WriteString("sample_collection_name", "samples." + ObjectId.New());
        w.WriteNull("frame_collection_name");
        w.WriteBoolean("persistent", false);
        w.WriteString("media_type", "image");
        w.WritePropertyName("tags"); w.WriteStartArray(); w.WriteEndArray();
        w.WritePropertyName("info"); w.WriteStartObject(); w.WriteNumber("num_samples", sampleCount); w.WriteEndObject();
        w.WritePropertyName("classes"); w.WriteStartObject(); w.WriteEndObject();
        w.WritePropertyName("default_classes"); FiftyOneJson.WriteValue(w, _labels.ToArray());
        w.WritePropertyName("mask_targets"); w.WriteStartObject(); w.WriteEndObject();
        w.WritePropertyName("default_mask_targets"); w.WriteStartObject(); w.WriteEndObject();
        w.WritePropertyName("skeletons"); w.WriteStartObject(); w.WriteEndObject();
        w.WriteNull("default_skeleton");
        w.WritePropertyName("sample_fields");
        WriteFields(w, _fields);
        w.WritePropertyName("frame_fields"); w.WriteStartArray(); w.WriteEndArray();
        w.WritePropertyName("saved_views"); w.WriteStartArray(); w.WriteEndArray();
        foreach (var runs in new[] { "annotation_runs", "brain_methods", "evaluations", "runs" })
        {
            w.WritePropertyName(runs); w.WriteStartObject(); w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter w, List<FieldDoc> fields)
    {
        w.WriteStartArray();
        foreach (var f in fields)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteString("ftype", f.Ftype);
            w.WriteString("embedded_doc_type", f.EmbeddedDocType);
            w.WriteString("subfield", f.Subfield);
            w.WritePropertyName("fields");
            WriteFields(w, f.Fields);
            w.WriteString("db_field", f.DbField);
            w.WriteNull("description");
            w.WriteNull("info");
            w.WriteBoolean("read_only", f.ReadOnly);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}

using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Formats;

/// <summary>
/// Field values and labels in the JSON FiftyOne writes (MongoDB extended JSON, relaxed mode):
/// ids as {"$oid"}, dates as {"$date"}, non-finite numbers as {"$numberDouble"}, labels as documents
/// with "_cls", "_id", "tags" and their attributes as top-level keys. Numeric vectors FiftyOne stored as
/// numpy blobs ({"$binary"}) are read; this side always writes plain JSON lists, which FiftyOne accepts.
/// </summary>
public static class FiftyOneJson
{
    private static readonly HashSet<string> ClassificationKeys = new(StringComparer.Ordinal) { "_id", "_cls", "tags", "label", "confidence", "logits", "attributes" };
    private static readonly HashSet<string> DetectionKeys = new(StringComparer.Ordinal) { "_id", "_cls", "tags", "label", "confidence", "logits", "attributes", "bounding_box" };
    private static readonly HashSet<string> ListKeys = new(StringComparer.Ordinal) { "_id", "_cls", "tags", "detections", "classifications", "logits" };

    // ---- reading ---------------------------------------------------------------------------

    /// <exception cref="FormatException">A label document has the wrong shape.</exception>
    public static object? ReadValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => ReadNumber(e),
        JsonValueKind.Array => ReadArray(e),
        JsonValueKind.Object => ReadObjectChecked(e),
        _ => throw new FormatException($"Unexpected JSON value {e.ValueKind}."),
    };

    /// <summary>A malformed extended-JSON document ({"$oid": 1}, a $numberLong out of range ...) is the documented FormatException.</summary>
    private static object? ReadObjectChecked(JsonElement e)
    {
        try { return ReadObject(e); }
        catch (Exception x) when (x is InvalidOperationException or OverflowException or ArgumentException or KeyNotFoundException)
        {
            throw new FormatException($"malformed value {Abbreviate(e.GetRawText())}: {x.Message}", x);
        }
    }

    private static string Abbreviate(string json) => json.Length <= 80 ? json : json[..77] + "...";

    private static object ReadNumber(JsonElement e)
    {
        var raw = e.GetRawText();
        if (raw.IndexOfAny(['.', 'e', 'E']) < 0 && e.TryGetInt64(out var l)) return l;
        return e.GetDouble();
    }

    private static object ReadArray(JsonElement e)
    {
        var items = e.EnumerateArray().Select(ReadValue).ToList();
        if (items.Count > 0 && items.All(v => v is double or long)) return items.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
        if (items.Count > 0 && items.All(v => v is string)) return items.Cast<string>().ToArray();
        return items.ToArray();
    }

    private static object? ReadObject(JsonElement e)
    {
        if (e.TryGetProperty("$oid", out var oid)) return oid.GetString();
        if (e.TryGetProperty("$date", out var date)) return ReadDate(date);
        if (e.TryGetProperty("$numberDouble", out var special)) return double.Parse(special.GetString()!, CultureInfo.InvariantCulture);
        if (e.TryGetProperty("$numberLong", out var big)) return long.Parse(big.GetString()!, CultureInfo.InvariantCulture);
        if (e.TryGetProperty("$binary", out var binary)) return ReadBinary(binary);
        if (e.TryGetProperty("_cls", out var cls) && ReadLabel(e, cls.GetString()) is { } label) return label;
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject()) dict[p.Name] = ReadValue(p.Value);
        return dict;
    }

    private static DateTime ReadDate(JsonElement date) => date.ValueKind switch
    {
        JsonValueKind.String => DateTime.Parse(date.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        JsonValueKind.Number => DateTime.UnixEpoch.AddMilliseconds(date.GetInt64()),
        _ when date.TryGetProperty("$numberLong", out var ms) => DateTime.UnixEpoch.AddMilliseconds(long.Parse(ms.GetString()!, CultureInfo.InvariantCulture)),
        _ => throw new FormatException("Unreadable $date value."),
    };

    /// <summary>FiftyOne's VectorField/ArrayField store numpy .npy blobs; a 1-d numeric one becomes float[] (float32) or double[].</summary>
    private static object ReadBinary(JsonElement binary)
    {
        var base64 = binary.ValueKind == JsonValueKind.Object ? binary.GetProperty("base64").GetString()! : binary.GetString()!;
        var bytes = Convert.FromBase64String(base64);
        return NpyVector(Inflate(bytes)) ?? (object)bytes;
    }

    /// <summary>FiftyOne zlib-compresses its numpy blobs; older exports may hold raw .npy bytes.</summary>
    private static byte[] Inflate(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x78) return bytes;
        try
        {
            using var z = new System.IO.Compression.ZLibStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var output = new MemoryStream();
            z.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException) { return bytes; }
    }

    /// <summary>A VectorField value as FiftyOne stores it: zlib-compressed numpy .npy (float64, 1-d) in {"$binary"}.</summary>
    public static void WriteVectorField(Utf8JsonWriter w, double[] values) =>
        WriteNpy(w, "<f8", values.Length, npy => { foreach (var v in values) npy.Write(BitConverter.GetBytes(v)); });

    /// <summary>A float32 vector (an embedding) as a float32 VectorField, so it reads back as float[].</summary>
    public static void WriteVectorField(Utf8JsonWriter w, float[] values) =>
        WriteNpy(w, "<f4", values.Length, npy => { foreach (var v in values) npy.Write(BitConverter.GetBytes(v)); });

    private static void WriteNpy(Utf8JsonWriter w, string descr, int length, Action<Stream> writeData)
    {
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({length},), }}";
        var padded = header.PadRight(((10 + header.Length + 1 + 63) / 64) * 64 - 10 - 1) + "\n";
        using var npy = new MemoryStream();
        npy.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        npy.Write(BitConverter.GetBytes((ushort)padded.Length));
        npy.Write(Encoding.ASCII.GetBytes(padded));
        writeData(npy);
        using var compressed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            z.Write(npy.GetBuffer(), 0, (int)npy.Length);
        WriteValue(w, compressed.ToArray());
    }

    /// <summary>A 1-d numpy vector: float[] for float32 data (embeddings keep their type), double[] for the others.</summary>
    private static Array? NpyVector(byte[] bytes)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY") return null;
        var (headerLength, headerStart) = bytes[6] == 1 ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10) : ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        if (headerStart + headerLength > bytes.Length) throw new FormatException("malformed value: a numpy blob whose header runs past its end.");
        var header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        if (header.Contains("'fortran_order': True")) return null;
        var descr = new[] { "<f8", "<f4", "<i8", "<i4" }.FirstOrDefault(d => header.Contains($"'{d}'"));
        if (descr is null) return null;
        var size = descr[2] - '0';
        var data = bytes.AsSpan(headerStart + headerLength);
        if (descr == "<f4")
        {
            var floats = new float[data.Length / 4];
            for (var i = 0; i < floats.Length; i++) floats[i] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * 4, 4));
            return floats;
        }
        var result = new double[data.Length / size];
        for (var i = 0; i < result.Length; i++)
        {
            var item = data.Slice(i * size, size);
            result[i] = descr switch
            {
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(item),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(item),
                _ => BinaryPrimitives.ReadInt32LittleEndian(item),
            };
        }
        return result;
    }

    /// <summary>A numeric vector as double[] (logits are double whatever FiftyOne stored them as); null when it is not one.</summary>
    public static double[]? AsDoubles(object? value) => value switch
    {
        double[] d => d,
        float[] f => Array.ConvertAll(f, x => (double)x),
        object[] { Length: 0 } => [],  // an empty JSON list has no element type: an empty vector
        _ => null,
    };

    /// <summary>A FiftyOne label document; null for label types this library does not model (kept as dictionaries).</summary>
    /// <exception cref="FormatException">The document has the wrong shape (e.g. a bounding box without 4 numbers).</exception>
    public static LabelObject? ReadLabel(JsonElement e, string? cls)
    {
        LabelObject label;
        HashSet<string> known;
        switch (cls)
        {
            case "Classification":
                label = new Classification { Label = OptionalString(e, "label"), Confidence = OptionalDouble(e, "confidence"), Logits = OptionalVector(e, "logits") };
                known = ClassificationKeys;
                break;
            case "Detection":
                label = new Detection { Label = OptionalString(e, "label"), BoundingBox = Box(e), Confidence = OptionalDouble(e, "confidence"), Logits = OptionalVector(e, "logits") };
                known = DetectionKeys;
                break;
            case "Detections":
                var detections = new Detections();
                detections.Items.AddRange(LabelList<Detection>(e, "detections", "Detection"));
                label = detections;
                known = ListKeys;
                break;
            case "Classifications":
                var classifications = new Classifications { Logits = OptionalVector(e, "logits") };
                classifications.Items.AddRange(LabelList<Classification>(e, "classifications", "Classification"));
                label = classifications;
                known = ListKeys;
                break;
            default:
                return null;
        }
        if (e.TryGetProperty("_id", out var id) && ReadValue(id) is string idText) label.Id = idText;
        if (e.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array && tags.GetArrayLength() > 0)
            label.SetField("tags", tags.EnumerateArray().Select(t => t.GetString() ?? "").ToArray());
        // Older FiftyOne kept custom attributes under "attributes" as {"_cls": "...Attribute", "value": v}.
        if (e.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
            foreach (var a in attributes.EnumerateObject())
                SetAttribute(label, a.Name, a.Value.ValueKind == JsonValueKind.Object && a.Value.TryGetProperty("value", out var v) ? ReadValue(v) : ReadValue(a.Value));
        foreach (var p in e.EnumerateObject())
            if (!known.Contains(p.Name) && !p.Name.StartsWith('_') && p.Value.ValueKind != JsonValueKind.Null)
                SetAttribute(label, p.Name, ReadValue(p.Value));
        return label;
    }

    private static void SetAttribute(LabelObject label, string name, object? value)
    {
        if (string.Equals(name, "logits", StringComparison.Ordinal) && AsDoubles(value) is { } logits)
        {
            switch (label)
            {
                case Classification c: c.Logits = logits; return;
                case Detection d: d.Logits = logits; return;
            }
        }
        label.SetField(name, value);
    }

    private static IEnumerable<T> LabelList<T>(JsonElement e, string key, string cls) where T : LabelObject
    {
        if (!e.TryGetProperty(key, out var list) || list.ValueKind == JsonValueKind.Null) yield break;
        if (list.ValueKind != JsonValueKind.Array) throw new FormatException($"'{key}' must be a list.");
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"'{key}' must hold {cls} documents.");
            yield return (T)ReadLabel(item, cls)!;
        }
    }

    private static string? OptionalString(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FormatException($"'{key}' must be a string.")
            : null;

    private static double? OptionalDouble(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null
            ? FieldValues.AsDouble(ReadValue(v)) ?? throw new FormatException($"'{key}' must be a number.")
            : null;

    /// <summary>An empty JSON list reads as object[] elsewhere (it has no element type); here it is an empty vector.</summary>
    private static double[]? OptionalVector(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null
            ? AsDoubles(ReadValue(v)) ?? throw new FormatException($"'{key}' must be a list of numbers.")
            : null;

    private static double[] Box(JsonElement e) =>
        OptionalVector(e, "bounding_box") is { Length: 4 } box ? box : throw new FormatException("'bounding_box' must be [x, y, width, height].");

    // ---- writing ---------------------------------------------------------------------------

    public static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case string s: w.WriteStringValue(s); break;
            case double d: WriteDouble(w, d); break;
            case float f: WriteDouble(w, f); break;
            case decimal m: WriteDouble(w, (double)m); break;
            case long or int or short or byte or uint or ulong: w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case DateTime t:
                w.WriteStartObject();
                w.WriteString("$date", t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                w.WriteEndObject();
                break;
            case float[] floats: WriteVectorField(w, floats); break;
            case byte[] bytes:
                w.WriteStartObject();
                w.WriteStartObject("$binary");
                w.WriteString("base64", Convert.ToBase64String(bytes));
                w.WriteString("subType", "00");
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case LabelObject label: WriteLabel(w, label); break;
            case System.Collections.IDictionary dict:
                w.WriteStartObject();
                foreach (System.Collections.DictionaryEntry entry in dict)
                {
                    w.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!);
                    WriteValue(w, entry.Value);
                }
                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                w.WriteStartArray();
                foreach (var item in items) WriteValue(w, item);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>Shortest round-trip text; integral values keep a ".0" so they read back as floats, not ints.</summary>
    private static void WriteDouble(Utf8JsonWriter w, double d)
    {
        if (!double.IsFinite(d))
        {
            w.WriteStartObject();
            w.WriteString("$numberDouble", double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            w.WriteEndObject();
            return;
        }
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOfAny(['.', 'E', 'e']) < 0) text += ".0";
        w.WriteRawValue(text, skipInputValidation: true);
    }

    public static void WriteObjectId(Utf8JsonWriter w, string name, string id)
    {
        w.WriteStartObject(name);
        w.WriteString("$oid", ObjectId.IsValid(id) ? id : ObjectId.New());
        w.WriteEndObject();
    }

    public static void WriteLabel(Utf8JsonWriter w, LabelObject label)
    {
        w.WriteStartObject();
        WriteObjectId(w, "_id", label.Id);
        w.WriteString("_cls", label.TypeName);
        w.WritePropertyName("tags");
        WriteValue(w, label.GetField("tags") as string[] ?? []);
        switch (label)
        {
            case Classification c:
                w.WriteString("label", c.Label);
                WriteOptional(w, "confidence", c.Confidence);
                WriteVectorOptional(w, c.Logits);
                break;
            case Detection d:
                w.WriteString("label", d.Label);
                w.WritePropertyName("bounding_box");
                WriteValue(w, d.BoundingBox);
                WriteOptional(w, "confidence", d.Confidence);
                WriteOptional(w, "logits", d.Logits);
                break;
            case Detections ds:
                w.WritePropertyName("detections");
                w.WriteStartArray();
                foreach (var d in ds.Items) WriteLabel(w, d);
                w.WriteEndArray();
                break;
            case Classifications cs:
                w.WritePropertyName("classifications");
                w.WriteStartArray();
                foreach (var c in cs.Items) WriteLabel(w, c);
                w.WriteEndArray();
                WriteVectorOptional(w, cs.Logits);
                break;
        }
        foreach (var name in label.FieldNames)
        {
            if (name == "tags") continue;
            w.WritePropertyName(name);
            WriteValue(w, label.GetField(name));
        }
        w.WriteEndObject();
    }

    private static void WriteVectorOptional(Utf8JsonWriter w, double[]? logits)
    {
        if (logits is null) return;
        w.WritePropertyName("logits");
        WriteVectorField(w, logits);
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, object? value)
    {
        if (value is null) return;
        w.WritePropertyName(name);
        WriteValue(w, value);
    }
}

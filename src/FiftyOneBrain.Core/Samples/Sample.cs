using FiftyOneBrain.Imaging;

namespace FiftyOneBrain.Samples;

/// <summary>
/// One image and everything known about it: tags, metadata and named fields
/// (ground_truth, predictions, uniqueness, ...), FiftyOne's fo.Sample.
/// </summary>
public sealed class Sample : FieldBag
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "Id", "Filepath", "Tags", "Metadata", "FieldNames", "id", "filepath", "tags", "metadata", "media_type" };

    private ImageMetadata? _metadata;
    private bool _metadataRead;

    public Sample(string filepath, string? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(filepath);
        Filepath = filepath;
        Id = id ?? ObjectId.New();
    }

    public string Id { get; set; }
    public string Filepath { get; set; }
    public List<string> Tags { get; } = new();

    /// <summary>Width, height, size; read from the image header the first time it is asked for, or set by a reader.</summary>
    public ImageMetadata? Metadata
    {
        get
        {
            if (!_metadataRead)
            {
                _metadata = ImageHeader.TryRead(Filepath);
                _metadataRead = true;
            }
            return _metadata;
        }
        set
        {
            _metadata = value;
            _metadataRead = true;
        }
    }

    /// <summary>True once metadata was read or set, so writers can skip files they never looked at.</summary>
    public bool HasMetadata => _metadataRead && _metadata is not null;

    protected override bool IsReservedName(string name) => Reserved.Contains(name);

    public Sample Clone()
    {
        var copy = new Sample(Filepath, Id);
        copy.Tags.AddRange(Tags);
        if (_metadataRead) copy.Metadata = _metadata;
        CopyFieldsTo(copy);
        return copy;
    }

    public override string ToString() => Filepath;
}

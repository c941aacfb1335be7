using System.Globalization;
using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Gallery;

/// <summary>Turns samples and their thumbnails into the page's data: one card per sample and the list of fields to sort and filter by.</summary>
public static class GalleryModelBuilder
{
    public static GalleryModel Build(IReadOnlyList<Sample> samples, IReadOnlyList<Thumbnail?> thumbnails, GalleryOptions options, int inputCount)
    {
        if (thumbnails.Count != samples.Count) throw new ArgumentException("One thumbnail (or null) per sample is needed.", nameof(thumbnails));
        var layout = FieldLayout.Discover(samples, options);
        var cards = new List<GalleryCard>(samples.Count);
        for (var i = 0; i < samples.Count; i++) cards.Add(Card(samples[i], thumbnails[i], layout, options.MapField));
        return new GalleryModel
        {
            Title = options.Title,
            Generated = DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            InputCount = inputCount,
            ThumbnailSize = options.ThumbnailSize,
            ScoreFields = layout.Scores,
            LabelFields = layout.Labels,
            TextFields = layout.Texts,
            GroundTruthField = layout.Labels.FirstOrDefault(f => string.Equals(f, options.LabelField, StringComparison.OrdinalIgnoreCase)),
            PredictionField = layout.Labels.FirstOrDefault(f => string.Equals(f, options.PredictionField, StringComparison.OrdinalIgnoreCase)),
            SortBy = layout.Scores.FirstOrDefault(f => string.Equals(f, options.SortBy, StringComparison.OrdinalIgnoreCase)),
            Descending = options.Descending,
            MapField = cards.Any(c => c.Point is not null) ? options.MapField : null,
            Samples = cards,
        };
    }

    private static GalleryCard Card(Sample sample, Thumbnail? thumb, FieldLayout layout, string mapField)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var field in layout.Scores)
            if (GalleryFields.NumberOf(sample, field) is { } v) scores[field] = v;

        var labels = new Dictionary<string, CardLabel>(StringComparer.Ordinal);
        foreach (var field in layout.Labels)
            if (GalleryFields.Resolve(sample, field) is { } own && LabelOf(sample.GetField(own)) is { } label) labels[field] = label;

        Dictionary<string, string>? info = null;
        foreach (var field in layout.Texts)
            if (GalleryFields.Resolve(sample, field) is { } own && sample.GetField(own) is string text)
                (info ??= new Dictionary<string, string>(StringComparer.Ordinal))[field] = text;

        return new GalleryCard
        {
            Id = sample.Id,
            Name = Path.GetFileName(sample.Filepath),
            Path = sample.Filepath,
            Tags = sample.Tags.ToList(),
            Thumb = thumb?.DataUri,
            ThumbWidth = thumb is { Succeeded: true } ? thumb.Width : null,
            ThumbHeight = thumb is { Succeeded: true } ? thumb.Height : null,
            Width = thumb is { Succeeded: true } ? thumb.SourceWidth : null,
            Height = thumb is { Succeeded: true } ? thumb.SourceHeight : null,
            Error = thumb?.Error?.Message,
            Scores = scores,
            Labels = labels,
            Info = info,
            Point = CurationFields.PointOf(sample, mapField),
            DuplicateOf = CurationFields.TextOf(sample, CurationFields.DuplicateOf),
            Leak = CurationFields.IsLeak(sample) ? true : null,
            LeakOf = CurationFields.TextOf(sample, CurationFields.LeakOf),
            Issues = CurationFields.IssuesOf(sample),
            Relabel = CurationFields.RelabelOf(sample, layout.Labels),
        };
    }

    private static CardLabel? LabelOf(object? value) => value switch
    {
        Classification c => new CardLabel
        {
            Type = "classification",
            Labels = c.Label is null ? new() : new() { c.Label },
            Confidence = GalleryFields.Finite(c.Confidence),
            Attributes = GalleryFields.ScalarAttributes(c),
        },
        Classifications cs => new CardLabel
        {
            Type = "classifications",
            Labels = Distinct(cs.Items.Select(c => c.Label)),
            Objects = cs.Items.Select(c => new CardObject
            {
                Label = c.Label, Confidence = GalleryFields.Finite(c.Confidence), Attributes = GalleryFields.ScalarAttributes(c),
            }).ToList(),
        },
        Detections ds => Objects(ds.Items),
        Detection d => Objects(new[] { d }),
        _ => null,
    };

    private static CardLabel Objects(IReadOnlyCollection<Detection> items) => new()
    {
        Type = "detections",
        Labels = Distinct(items.Select(d => d.Label)),
        Objects = items.Select(d => new CardObject
        {
            Label = d.Label,
            Box = d.BoundingBox.All(double.IsFinite) ? (double[])d.BoundingBox.Clone() : null,
            Confidence = GalleryFields.Finite(d.Confidence),
            Attributes = GalleryFields.ScalarAttributes(d),
        }).ToList(),
    };

    private static List<string> Distinct(IEnumerable<string?> labels) =>
        labels.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Which fields become scores, labels and text on the page, in the order first met.</summary>
    private sealed record FieldLayout(List<string> Scores, List<string> Labels, List<string> Texts)
    {
        public static FieldLayout Discover(IReadOnlyList<Sample> samples, GalleryOptions options)
        {
            var scores = new OrderedNames();
            var confidences = new OrderedNames();
            var labels = new OrderedNames();
            var texts = new OrderedNames();
            foreach (var sample in samples)
            {
                foreach (var name in sample.FieldNames)
                {
                    switch (sample.GetField(name))
                    {
                        case Classification c:
                            labels.Add(name);
                            if (GalleryFields.Finite(c.Confidence) is not null) confidences.Add(name + GalleryFields.ConfidenceSuffix);
                            break;
                        case LabelObject: labels.Add(name); break;
                        case string: texts.Add(name); break;
                        case var v when FieldValues.AsDouble(v) is not null: scores.Add(name); break;
                    }
                }
            }
            var wanted = options.Fields is null ? null : new HashSet<string>(options.Fields, StringComparer.OrdinalIgnoreCase);
            bool Shown(string field) =>
                wanted is null || wanted.Contains(field)
                || string.Equals(field, options.SortBy, StringComparison.OrdinalIgnoreCase)
                || (field.EndsWith(GalleryFields.ConfidenceSuffix, StringComparison.Ordinal) && wanted.Contains(field[..^GalleryFields.ConfidenceSuffix.Length]));
            return new FieldLayout(
                scores.Names.Concat(confidences.Names).Where(Shown).ToList(),
                labels.Names.Where(Shown).ToList(),
                texts.Names.Where(Shown).ToList());
        }
    }

    /// <summary>Names in first-seen order, deduplicated case-insensitively (samples may spell a field differently).</summary>
    private sealed class OrderedNames
    {
        private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Names { get; } = new();
        public void Add(string name)
        {
            if (_seen.Add(name)) Names.Add(name);
        }
    }
}

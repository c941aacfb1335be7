namespace FiftyOneBrain.Samples;

/// <summary>Base of FiftyOne's label types; carries an id and free attributes (e.g. per-object mistakenness).</summary>
public abstract class LabelObject : FieldBag
{
    public string Id { get; set; } = ObjectId.New();

    /// <summary>The FiftyOne class name written as "_cls" in samples.json.</summary>
    public abstract string TypeName { get; }

    public abstract LabelObject Clone();

    protected T CloneInto<T>(T target) where T : LabelObject
    {
        target.Id = Id;
        CopyFieldsTo(target);
        return target;
    }
}

using FiftyOneBrain.Samples;

namespace FiftyOneBrain.Tests.Samples;

public class FieldBagTests
{
    [Fact]
    public void Fields_keep_insertion_order_and_overwrite_in_place()
    {
        var s = new Sample("/x.png");
        s.SetField("b", 1.0);
        s.SetField("a", 2.0);
        s.SetField("b", 3.0);
        Assert.Equal(new[] { "b", "a" }, s.FieldNames);
        Assert.Equal(3.0, s["b"]);
    }

    [Theory]
    [InlineData("Filepath")]
    [InlineData("tags")]
    [InlineData("")]
    public void Built_in_names_cannot_become_fields(string name) =>
        Assert.Throws<ArgumentException>(() => new Sample("/x.png").SetField(name, 1.0));

    [Fact]
    public void Clone_is_deep_for_labels_and_arrays()
    {
        var s = new Sample("/x.png");
        s.Tags.Add("t");
        s.SetField("gt", new Classification("cat", 0.5, new[] { 1.0, 2.0 }));
        var copy = s.Clone();
        ((Classification)copy["gt"]!).Logits![0] = 9;
        Assert.Equal(1.0, ((Classification)s["gt"]!).Logits![0]);
        Assert.Equal(s.Id, copy.Id);
        Assert.Equal(new[] { "t" }, copy.Tags);
    }

    [Fact]
    public void Object_ids_are_24_hex_and_unique()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ObjectId.New()).ToList();
        Assert.All(ids, id => Assert.True(ObjectId.IsValid(id)));
        Assert.Equal(1000, ids.Distinct().Count());
    }

    [Fact]
    public void Torch_natives_load_on_this_system()
    {
        using var t = TorchSharp.torch.ones(3, 3);
        Assert.Equal(9f, t.sum().item<float>());
    }
}

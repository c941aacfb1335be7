using System.Text;
using FiftyOneBrain.Models;

namespace FiftyOneBrain.Tests.Models;

/// <summary>.fomodel headers found by probing the header reader (tests/Fuzz, target fomodel).</summary>
public sealed class ModelFileFuzzFindingTests
{
    [Fact]
    public void A_null_preprocessing_is_a_clear_error()
    {
        var json = Encoding.UTF8.GetBytes("""{"architecture":"SimpleResNet","width":1,"classes":["a","b"],"preprocessing":null}""");
        var path = Path.Combine(TestImages.NewDirectory(), "m.fomodel");
        File.WriteAllBytes(path, [.. "FOMODEL1"u8, .. BitConverter.GetBytes(json.Length), .. json]);

        var e = Assert.Throws<InvalidDataException>(() => ModelFile.ReadHeader(path)); // was NullReferenceException
        Assert.Contains("preprocessing", e.Message);
    }
}

namespace FiftyOneBrain.Fuzz;

/// <summary>Writes the seed corpus that is checked in under tests/Fuzz/corpus (regenerate it after changing a seed).</summary>
public static class SeedCorpus
{
    public static int Write(string corpusDirectory)
    {
        foreach (var target in FuzzTargets.All)
        {
            var folder = Path.Combine(corpusDirectory, target.Name);
            Directory.CreateDirectory(folder);
            foreach (var (name, bytes) in target.Seeds())
            {
                File.WriteAllBytes(Path.Combine(folder, name), bytes);
                Console.WriteLine(Path.Combine(folder, name));
            }
        }
        return 0;
    }
}

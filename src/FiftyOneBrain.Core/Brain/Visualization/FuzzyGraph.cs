namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// A symmetric sparse graph as COO edges sorted by (row, column), both directions present: UMAP's fuzzy
/// simplicial set, the input of the spectral initialisation and of the layout optimisation.
/// </summary>
public sealed record FuzzyGraph(int Count, int[] Rows, int[] Columns, double[] Weights)
{
    public int Edges => Rows.Length;
}

namespace FiftyOneBrain.Brain.Visualization;

/// <summary>How the embeddings map is computed: UMAP (FiftyOne's default) or exact PCA.</summary>
public enum VisualizationMethod
{
    Umap,
    Pca,
}

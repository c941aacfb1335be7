#!/usr/bin/python3
"""umap-learn 0.5.3 and scikit-learn's PCA on the benchmark's embeddings, and trustworthiness (k = 15) of every map.

Called by Measure-Visualization.ps1 with the embeddings and Measure-FoVisualization's points and times.
"""
import argparse
import json
import time

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import trustworthiness
from sklearn.metrics import pairwise_distances
from sklearn.neighbors import NearestNeighbors


def chunked_trustworthiness(x, y, k=15, chunk=1000):
    """scikit-learn 1.2's trustworthiness, computed a block of rows at a time so that 20,000 samples need no N x N arrays."""
    n = x.shape[0]
    embedded = NearestNeighbors(n_neighbors=k).fit(y).kneighbors(return_distance=False)
    total = 0
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        d = pairwise_distances(x[start:stop], x)
        d[np.arange(stop - start), np.arange(start, stop)] = np.inf
        order = np.argsort(d, axis=1)
        ranks = np.empty_like(order)
        ranks[np.arange(stop - start)[:, None], order] = np.arange(1, n + 1)
        r = ranks[np.arange(stop - start)[:, None], embedded[start:stop]] - k
        total += r[r > 0].sum()
    return 1.0 - total * (2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("embeddings")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--ours-umap")
    parser.add_argument("--ours-umap-seconds", type=float)
    parser.add_argument("--ours-pca")
    parser.add_argument("--ours-pca-seconds", type=float)
    args = parser.parse_args()

    x = np.load(args.embeddings).astype(np.float32)
    n = x.shape[0]
    check = min(n, 2000)
    probe = np.random.RandomState(0).normal(size=(check, 2))
    assert abs(chunked_trustworthiness(x[:check], probe, chunk=300) - trustworthiness(x[:check], probe, n_neighbors=15)) < 1e-12

    import umap

    umap.UMAP(random_state=args.seed).fit_transform(x[:300])  # numba compiles here, not in the timed run
    start = time.perf_counter()
    theirs = umap.UMAP(random_state=args.seed).fit_transform(x)
    umap_seconds = time.perf_counter() - start

    start = time.perf_counter()
    pca = PCA(n_components=2).fit_transform(x)
    pca_seconds = time.perf_counter() - start

    rows = [
        ("Measure-FoVisualization UMAP", args.ours_umap_seconds, np.load(args.ours_umap)),
        ("umap-learn 0.5.3 UMAP", umap_seconds, theirs),
        ("Measure-FoVisualization PCA", args.ours_pca_seconds, np.load(args.ours_pca)),
        ("scikit-learn PCA", pca_seconds, pca),
    ]
    results = []
    print(f"{n} x {x.shape[1]} embeddings, trustworthiness at k = 15")
    print(f"{'method':32} {'seconds':>9} {'trustworthiness':>16}")
    for name, seconds, points in rows:
        t = chunked_trustworthiness(x, points)
        results.append({"method": name, "seconds": seconds, "trustworthiness": t})
        print(f"{name:32} {seconds:9.1f} {t:16.4f}")
    print(json.dumps({"n": n, "d": int(x.shape[1]), "seed": args.seed, "results": results}))


if __name__ == "__main__":
    main()

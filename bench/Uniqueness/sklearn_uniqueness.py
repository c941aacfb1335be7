"""FiftyOne's uniqueness kNN with its peer library: scikit-learn NearestNeighbors, brute force, cosine.

Usage: python3 sklearn_uniqueness.py embeddings.npy uniqueness_out.npy
Prints one JSON line: {"seconds": <kNN + scoring time>, "blas": <numpy BLAS>}.
"""
import json
import sys
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors


def blas_name():
    try:
        from threadpoolctl import threadpool_info
        return ",".join(sorted({i.get("internal_api", "?") for i in threadpool_info()}))
    except Exception:
        return "unknown"


def main(src, dst):
    embeddings = np.load(src)
    start = time.perf_counter()
    centred = embeddings - embeddings.mean(axis=0)
    knn = NearestNeighbors(n_neighbors=4, algorithm="brute", metric="cosine").fit(centred)
    dists, _ = knn.kneighbors(centred)
    # As FiftyOne: drop the first neighbour (the sample itself), weight, normalise.
    u = np.mean(dists[:, 1:] * np.array([0.6, 0.3, 0.1]), axis=1)
    u /= u.max()
    seconds = time.perf_counter() - start
    np.save(dst, u.astype(np.float64).reshape(-1, 1))
    print(json.dumps({"seconds": seconds, "blas": blas_name()}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""FiftyOne's near-duplicate and leaky-split search with its peer library, as FiftyOne runs it above 15k samples:
scikit-learn NearestNeighbors on normalised centred embeddings, radius_neighbors at sqrt(2 * threshold).

Usage: python3 sklearn_radius.py embeddings.npy threshold pairs_out.npy
Writes the pairs (i < j) as an int64 K x 2 array; prints {"seconds": ..., "pairs": K}.
"""
import json
import sys
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors


def main(src, threshold, dst):
    embeddings = np.load(src)
    start = time.perf_counter()
    centred = embeddings - embeddings.mean(axis=0)
    unit = centred / np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-30)
    index = NearestNeighbors(algorithm="brute", metric="euclidean").fit(unit)
    neighbours = index.radius_neighbors(unit, radius=np.sqrt(2.0 * threshold), return_distance=False)
    seconds = time.perf_counter() - start
    pairs = [(i, j) for i, row in enumerate(neighbours) for j in row if j > i]
    np.save(dst, np.array(pairs, dtype=np.int64).reshape(-1, 2))
    print(json.dumps({"seconds": seconds, "pairs": len(pairs)}))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3])

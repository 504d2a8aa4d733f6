#!/usr/bin/env python3
"""Reference values for the generative metrics of src/main/core/metrics, computed independently with
numpy/scipy (test and benchmark tool only, never shipped).

Fixture mode (default): writes tests/fixtures/metrics/
  - <case>-real.npy / <case>-fake.npy  seeded feature sets (float32; one float64) written by numpy.save,
  - npy-errors/*.npy                    files the .npy reader must refuse (written by numpy too),
  - reference.json                      every metric on those sets:
      stats      np.mean / np.cov(rowvar=False) of the first case,
      fid        three routes: pytorch-fid (scipy.linalg.sqrtm of Σ₁Σ₂, real part, ε retry), torch-fidelity's
                 eigenvalues of Σ₁Σ₂ (real part, clipped) and eigh of Σ₁^½ Σ₂ Σ₁^½,
      kid        per-subset unbiased MMD² with (x·y/d + 1)³ on subsets whose indices are stored, mean, std,
      pr         improved precision/recall as in kynkaanniemi/improved-precision-and-recall-metric
                 (squared distances ‖u‖² − 2u·v + ‖v‖², k-th via np.partition including self, ≤),
      dc         density/coverage as in clovaai/generative-evaluation-prdc (sklearn-style Euclidean distances,
                 k-th via argpartition(k + 1), strict <),
      is / hist  Inception Score (openai/improved-gan splits) and predicted-class histogram,
      modes      ring-of-8 and 5×5-grid mode coverage.
  PR/DC counts are cross-checked against scipy.spatial.distance.cdist (direct differences); the script
  stops if the two disagree, so a fixture never rests on a rounding tie.

Timing mode (`--time REAL.npy FAKE.npy`): times FID the pytorch-fid way and precision/recall the
Kynkäänniemi way (float64, row batches of 1000) on the given files and prints one JSON line with seconds,
values and peak RSS; bench/generativeMetrics.bench.ts uses it as the baseline.

Run: python3 scripts/reference/generative_metrics.py
"""
import json
import pathlib
import resource
import sys
import time

import numpy as np
import scipy.linalg
import scipy.spatial.distance

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "metrics"


# ---------------------------------------------------------------- FID
def stats(x):
    x = np.asarray(x, dtype=np.float64)
    return x.mean(axis=0), np.cov(x, rowvar=False)


def fid_sqrtm(mu1, s1, mu2, s2, eps=1e-6):
    """pytorch-fid calculate_frechet_distance."""
    diff = mu1 - mu2
    covmean = scipy.linalg.sqrtm(s1.dot(s2))  # pytorch-fid passes disp=False, deprecated in SciPy 1.16
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * eps
        covmean = scipy.linalg.sqrtm((s1 + offset).dot(s2 + offset))
    covmean = covmean.real
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def fid_eigvals(mu1, s1, mu2, s2):
    """torch-fidelity: Tr((Σ₁Σ₂)^½) = Σ √λ over eigenvalues of Σ₁Σ₂ (real part, clipped at 0)."""
    diff = mu1 - mu2
    lam = np.linalg.eigvals(s1 @ s2).real
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(np.clip(lam, 0, None)).sum())


def fid_symmetric(mu1, s1, mu2, s2):
    """Eigenvalues of the symmetric Σ₁^½ Σ₂ Σ₁^½ (Σ₁^½ from eigh, negative eigenvalues clipped)."""
    diff = mu1 - mu2
    w, v = np.linalg.eigh(s1)
    root = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    lam = np.linalg.eigvalsh(root @ s2 @ root)
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(np.clip(lam, 0, None)).sum())


# ---------------------------------------------------------------- KID
def mmd2_unbiased(x, y):
    d = x.shape[1]
    m = x.shape[0]
    kxx = (x @ x.T / d + 1) ** 3
    kyy = (y @ y.T / d + 1) ** 3
    kxy = (x @ y.T / d + 1) ** 3
    sxx = kxx.sum() - np.trace(kxx)
    syy = kyy.sum() - np.trace(kyy)
    return float((sxx + syy) / (m * (m - 1)) - 2 * kxy.sum() / (m * m))


# ---------------------------------------------------------------- precision / recall (Kynkäänniemi)
def sq_dist_formula(u, v):
    nu = (u * u).sum(axis=1)[:, None]
    nv = (v * v).sum(axis=1)[None, :]
    return np.maximum(nu - 2 * u @ v.T + nv, 0.0)


def kth_partition(d2, k):
    # The reference partitions each row including the sample itself (distance ≈ 0) and reads index k.
    return np.partition(d2, k, axis=1)[:, k]


def precision_recall(real, fake, k=3, dist=sq_dist_formula):
    r_real = kth_partition(dist(real, real), k)
    r_fake = kth_partition(dist(fake, fake), k)
    d_fr = dist(fake, real)  # eval × reference
    precision_hits = (d_fr <= r_real[None, :]).any(axis=1)
    recall_hits = (d_fr.T <= r_fake[None, :]).any(axis=1)
    return r_real, r_fake, int(precision_hits.sum()), int(recall_hits.sum())


# ---------------------------------------------------------------- density / coverage (Naeem, prdc)
def euclidean_sklearn(x, y, same):
    d = -2 * x @ y.T
    d += (x * x).sum(axis=1)[:, None]
    d += (y * y).sum(axis=1)[None, :]
    np.maximum(d, 0, out=d)
    if same:
        np.fill_diagonal(d, 0)
    return np.sqrt(d)


def euclidean_cdist(x, y, same):
    return scipy.spatial.distance.cdist(x, y)


def kth_prdc(dist, k):
    idx = np.argpartition(dist, k, axis=-1)[..., :k]
    return np.take_along_axis(dist, idx, axis=-1).max(axis=-1)


def density_coverage(real, fake, k=5, dist=euclidean_sklearn):
    r = kth_prdc(dist(real, real, True), k + 1)
    d_rf = dist(real, fake, False)
    inside = d_rf < r[:, None]
    density_count = int(inside.sum())
    coverage_count = int((d_rf.min(axis=1) < r).sum())
    return r, density_count, coverage_count


# ---------------------------------------------------------------- Inception Score, histograms, modes
def inception_score(p, splits=10):
    n = p.shape[0]
    scores = []
    for s in range(splits):
        part = p[(s * n // splits):((s + 1) * n // splits)]
        py = part.mean(axis=0)
        kl = np.where(part > 0, part * (np.log(np.where(part > 0, part, 1)) - np.log(py)[None, :]), 0.0)
        scores.append(np.exp(kl.sum(axis=1).mean()))
    return float(np.mean(scores)), float(np.std(scores)), [float(s) for s in scores]


def class_histogram(p, min_share=0.01):
    n, k = p.shape
    counts = np.bincount(p.argmax(axis=1), minlength=k)
    threshold = max(1.0, min_share * n / k)
    return counts.tolist(), int((counts >= threshold).sum()), threshold


def mode_coverage(x, centres, sigma, min_share=0.2):
    d = scipy.spatial.distance.cdist(x, centres)
    nearest = d.argmin(axis=1)
    hq = d.min(axis=1) <= 3 * sigma
    counts = np.bincount(nearest[hq], minlength=len(centres))
    threshold = max(1.0, min_share * len(x) / len(centres))
    return counts.tolist(), int((counts >= threshold).sum()), float(hq.mean())


# ---------------------------------------------------------------- fixtures
def correlated(rng, n, d, shift, scale):
    mix = rng.standard_normal((d, d)) / np.sqrt(d) + np.eye(d)
    return (scale * rng.standard_normal((n, d)) @ mix + shift).astype(np.float32)


def feature_case(rng, name, n_real, n_fake, d, kid_subsets, kid_size, shift, scale, dtype_fake=np.float32):
    real = correlated(rng, n_real, d, 0.0, 1.0)
    fake = correlated(rng, n_fake, d, shift, scale).astype(dtype_fake)
    np.save(OUT / f"{name}-real.npy", real)
    np.save(OUT / f"{name}-fake.npy", fake)
    x = real.astype(np.float64)
    y = fake.astype(np.float64)
    mu1, s1 = stats(x)
    mu2, s2 = stats(y)
    case = {
        "name": name,
        "real": f"{name}-real.npy",
        "fake": f"{name}-fake.npy",
        "fid": {
            "sqrtm": fid_sqrtm(mu1, s1, mu2, s2),
            "eigvals": fid_eigvals(mu1, s1, mu2, s2),
            "symmetric": fid_symmetric(mu1, s1, mu2, s2),
            "symmetricSwapped": fid_symmetric(mu2, s2, mu1, s1),
        },
    }
    if kid_subsets:
        m = min(kid_size, len(x), len(y))
        ri = [rng.choice(len(x), m, replace=False).tolist() for _ in range(kid_subsets)]
        fi = [rng.choice(len(y), m, replace=False).tolist() for _ in range(kid_subsets)]
        values = [mmd2_unbiased(x[a], y[b]) for a, b in zip(ri, fi)]
        case["kid"] = {"real": ri, "fake": fi, "values": values, "mean": float(np.mean(values)), "std": float(np.std(values))}
    case["pr"] = pr_block(x, y, 3)
    case["dc"] = dc_block(x, y, 5)
    return case, (x, y)


def pr_block(x, y, k):
    r_real, r_fake, pc, rc = precision_recall(x, y, k)
    check = precision_recall(x, y, k, dist=lambda u, v: scipy.spatial.distance.cdist(u, v, "sqeuclidean"))
    if (pc, rc) != (check[2], check[3]):
        sys.exit(f"precision/recall counts depend on rounding ({pc}, {rc}) vs ({check[2]}, {check[3]}): pick another seed")
    return {"k": k, "realRadii2": r_real.tolist(), "fakeRadii2": r_fake.tolist(), "precisionCount": pc, "recallCount": rc,
            "precision": pc / len(y), "recall": rc / len(x)}


def dc_block(x, y, k):
    r, dcount, ccount = density_coverage(x, y, k)
    check = density_coverage(x, y, k, dist=euclidean_cdist)
    if (dcount, ccount) != (check[1], check[2]):
        sys.exit(f"density/coverage counts depend on rounding ({dcount}, {ccount}) vs ({check[1]}, {check[2]}): pick another seed")
    return {"k": k, "realRadii": r.tolist(), "densityCount": dcount, "coverageCount": ccount,
            "density": (1.0 / k) * (dcount / len(y)), "coverage": ccount / len(x)}


def write_bad_npy_files():
    bad = OUT / "npy-errors"
    bad.mkdir(parents=True, exist_ok=True)
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    np.save(bad / "big-endian.npy", a.astype(">f4"))
    np.save(bad / "fortran-order.npy", np.asfortranarray(a))
    np.save(bad / "three-d.npy", a.reshape(3, 2, 2))
    np.save(bad / "one-d.npy", a.ravel())
    np.save(bad / "int64.npy", a.astype(np.int64))
    np.save(bad / "float16.npy", a.astype(np.float16))
    np.save(bad / "good-f4.npy", a)
    np.save(bad / "good-f8.npy", a.astype(np.float64))
    raw = (bad / "good-f4.npy").read_bytes()
    (bad / "truncated.npy").write_bytes(raw[:-5])
    (bad / "not-npy.npy").write_bytes(b"hello, this is not numpy\n")


def main_fixtures():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20241122)
    cases = []
    first, (x, _) = feature_case(rng, "small", 300, 300, 16, 20, 100, 0.3, 1.2)
    cases.append(first)
    c2, _ = feature_case(rng, "medium", 500, 400, 32, 10, 150, 0.1, 1.1, dtype_fake=np.float64)
    cases.append(c2)
    c3, _ = feature_case(rng, "rank-deficient", 20, 25, 32, 0, 0, 0.4, 1.3)
    cases.append(c3)
    mu, cov = stats(x)
    # Integer features: every distance is exact, so ties between a distance and a radius really occur and
    # only the right comparison (≤ for PR, < for DC) reproduces the counts.
    ints_real = rng.integers(0, 3, size=(200, 4)).astype(np.float32)
    ints_fake = rng.integers(0, 4, size=(150, 4)).astype(np.float32)
    np.save(OUT / "ties-real.npy", ints_real)
    np.save(OUT / "ties-fake.npy", ints_fake)
    ties = {"name": "ties", "real": "ties-real.npy", "fake": "ties-fake.npy",
            "pr": pr_block(ints_real.astype(np.float64), ints_fake.astype(np.float64), 3),
            "dc": dc_block(ints_real.astype(np.float64), ints_fake.astype(np.float64), 5)}
    # How much the rule matters on this set (the test asserts the counts differ under the other rule).
    r_real, r_fake, _, _ = precision_recall(ints_real.astype(np.float64), ints_fake.astype(np.float64), 3)
    d_fr = sq_dist_formula(ints_fake.astype(np.float64), ints_real.astype(np.float64))
    ties["pr"]["precisionCountStrict"] = int((d_fr < r_real[None, :]).any(axis=1).sum())
    cases.append(ties)

    logits = rng.standard_normal((1003, 10)) * 3 + np.where(rng.random((1003, 10)) < 0.1, 4, 0)  # 1003: splits of 100 and 101
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    probs[::7] = np.eye(10)[rng.integers(0, 10, size=len(probs[::7]))]  # one-hot rows: 0·log 0 terms
    probs[:, 9] *= 0.02  # class 9 rarely predicted
    probs /= probs.sum(axis=1, keepdims=True)
    probs = probs.astype(np.float32)
    np.save(OUT / "probabilities.npy", probs)
    p64 = probs.astype(np.float64)
    is_mean, is_std, is_splits = inception_score(p64)
    counts, covered, threshold = class_histogram(p64)
    strict_counts, strict_covered, strict_threshold = class_histogram(p64, 0.5)

    ring_centres = np.array([[2 * np.cos(2 * np.pi * c / 8), 2 * np.sin(2 * np.pi * c / 8)] for c in range(8)])
    ring_sigma = 0.05
    which = rng.choice([0, 1, 2, 3, 5], size=1800, p=[0.3, 0.3, 0.2, 0.19, 0.01])
    ring = ring_centres[which] + ring_sigma * rng.standard_normal((1800, 2)) * 1.2
    ring = np.concatenate([ring, rng.uniform(-2.5, 2.5, size=(200, 2))]).astype(np.float32)
    np.save(OUT / "ring.npy", ring)
    grid_centres = np.array([[c * 2.0 - 4, r * 2.0 - 4] for r in range(5) for c in range(5)])
    grid_sigma = 0.05
    which = rng.integers(0, 20, size=2400)
    grid = grid_centres[which] + grid_sigma * rng.standard_normal((2400, 2))
    grid = np.concatenate([grid, grid_centres[22] + grid_sigma * rng.standard_normal((10, 2)),
                           rng.uniform(-5, 5, size=(90, 2))]).astype(np.float32)
    np.save(OUT / "grid.npy", grid)

    write_bad_npy_files()
    reference = {
        "generator": "scripts/reference/generative_metrics.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "stats": {"file": "small-real.npy", "mean": mu.tolist(), "covariance": cov.ravel().tolist()},
        "cases": cases,
        "inceptionScore": {"file": "probabilities.npy", "splits": 10, "mean": is_mean, "std": is_std, "splitScores": is_splits},
        "classHistogram": {"file": "probabilities.npy", "counts": counts, "classesCovered": covered, "threshold": threshold,
                           "strict": {"minShare": 0.5, "classesCovered": strict_covered, "threshold": strict_threshold}},
        "modes": [
            {"file": "ring.npy", "layout": "ring", "count": 8, "radius": 2, "sigma": ring_sigma,
             "counts": mode_coverage(ring.astype(np.float64), ring_centres, ring_sigma)[0],
             "modesCovered": mode_coverage(ring.astype(np.float64), ring_centres, ring_sigma)[1],
             "highQualityFraction": mode_coverage(ring.astype(np.float64), ring_centres, ring_sigma)[2]},
            {"file": "grid.npy", "layout": "grid", "side": 5, "spacing": 2, "sigma": grid_sigma,
             "counts": mode_coverage(grid.astype(np.float64), grid_centres, grid_sigma)[0],
             "modesCovered": mode_coverage(grid.astype(np.float64), grid_centres, grid_sigma)[1],
             "highQualityFraction": mode_coverage(grid.astype(np.float64), grid_centres, grid_sigma)[2]},
        ],
    }
    (OUT / "reference.json").write_text(json.dumps(reference, indent=1) + "\n")
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"wrote {OUT} ({total / 1024:.0f} KiB)")


# ---------------------------------------------------------------- timing baseline
def batched_radii(f, k, batch=1000):
    nf = (f * f).sum(axis=1)
    out = np.empty(len(f))
    for s in range(0, len(f), batch):
        d2 = np.maximum(nf[s:s + batch, None] - 2 * f[s:s + batch] @ f.T + nf[None, :], 0)
        out[s:s + batch] = np.partition(d2, k, axis=1)[:, k]
    return out


def batched_hits(evalf, ref, radii, batch=1000):
    ne = (evalf * evalf).sum(axis=1)
    nr = (ref * ref).sum(axis=1)
    hits = 0
    for s in range(0, len(evalf), batch):
        d2 = np.maximum(ne[s:s + batch, None] - 2 * evalf[s:s + batch] @ ref.T + nr[None, :], 0)
        hits += int((d2 <= radii[None, :]).any(axis=1).sum())
    return hits


def main_time(real_path, fake_path):
    x = np.load(real_path).astype(np.float64)
    y = np.load(fake_path).astype(np.float64)
    t0 = time.perf_counter()
    mu1, s1 = stats(x)
    mu2, s2 = stats(y)
    fid = fid_sqrtm(mu1, s1, mu2, s2)
    t_fid = time.perf_counter() - t0
    t0 = time.perf_counter()
    r_real = batched_radii(x, 3)
    r_fake = batched_radii(y, 3)
    precision = batched_hits(y, x, r_real) / len(y)
    recall = batched_hits(x, y, r_fake) / len(x)
    t_pr = time.perf_counter() - t0
    print(json.dumps({"fidSeconds": t_fid, "fid": fid, "prSeconds": t_pr, "precision": precision, "recall": recall,
                      "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "numpy": np.__version__}))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--time":
        main_time(sys.argv[2], sys.argv[3])
    else:
        main_fixtures()

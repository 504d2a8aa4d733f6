#!/usr/bin/env python3
"""Reference values for the weak-to-strong metrics (src/main/core/metrics/weakToStrong) and losses
(src/main/core/engine/training/weakToStrongLosses), computed independently with numpy (test tool only,
never shipped). Writes tests/fixtures/weakToStrong/reference.json holding the seeded inputs and the results:

  metrics  per case: accuracies, PGR (minimum gap 0.03, slack 1e-12), agreement counts and rates, item
           categories, ECE and reliability bins (15 bins, (lo, hi], edges b/15 in float64), Brier (Σ_k, NOT
           divided by K), confusion counts and the student − weak change (counts and row-normalised), and a
           paired percentile bootstrap whose item indices come from a Python replica of the workbench's
           xoshiro128** random stream (src/main/core/math/randomStream.ts): index = ⌊u·n / 2³²⌋.
  seeds    mean / median / p10 / p90 of per-seed values with undefined seeds left out (numpy linear quantiles).
  losses   forward value and the gradient w.r.t. the logits, derived by hand:
             CE against a fixed target t:  ∂/∂z_b = (softmax(z_b)·Σt_b − t_b) / B
             naive        t = weak
             aux-conf     t = (1 − c)·weak + c·onehot(hardened), c = aux·min(1, progress/warmup) (PR #33's
                          linear ramp; the reference's buggy c = aux·(1 if progress > warmup else progress) is
                          stored too); hardening: the torch rule on 2 classes (threshold = quantile(p0,
                          mean weak p1), class 1 iff p0 < threshold), the documented quantile peeling on K > 2
             product      t ∝ p^β·w^α
             adaptconf    α = e^{ce_s/T}/(e^{ce_s/T} + e^{ce_t/T}); per item (1 − α)·τ²·KL(t_τ‖softmax(z/τ))
                          + α·CE(z, argmax z); gradient (1 − α)·τ·(softmax(z/τ) − t_τ) + α·(softmax(z) − onehot)
  hardening  2-class cases with ties and an integer quantile position (strict/non-strict edge), against the
             torch rule written out; and K = 5 cases against the peeling written out independently.

Float32 inputs are stored as the exact decimal of each float32 value; the losses' probabilities for the
hardening are float32 softmax outputs (as torch computes them) before the comparisons.

Run: /usr/bin/python3 scripts/reference/weak_to_strong_reference.py
"""
import json
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "weakToStrong"
M32 = 0xFFFFFFFF
GAP_SLACK = 1e-12


# ---------------------------------------------------------------- random stream replica
def rotl(x, k):
    x &= M32
    return ((x << k) | (x >> (32 - k))) & M32


class Stream:
    """xoshiro128** keyed by (baseSeed, seedIndex, generation, stream), as randomStream.ts."""

    def __init__(self, base, seed_index, generation, stream):
        a, b, c, d = base & M32, seed_index & M32, generation & M32, stream & M32
        for r in range(8):
            a = (a + 0x243F6A88 + r) & M32
            c = (c ^ 0x85A308D3) & M32
            a = (a + b) & M32; d ^= a; d = rotl(d, 16)
            c = (c + d) & M32; b ^= c; b = rotl(b, 12)
            a = (a + b) & M32; d ^= a; d = rotl(d, 8)
            c = (c + d) & M32; b ^= c; b = rotl(b, 7)
            a, b, c, d = b, c, d, a
        if (a | b | c | d) == 0:
            d = 1
        self.s = [a, b, c, d]

    def next_uint32(self):
        s = self.s
        s0, s1 = s[0], s[1]
        s2 = s[2] ^ s0
        s3 = s[3] ^ s1
        s[0] = s0 ^ s3
        s[1] = s1 ^ s2
        s[2] = (s2 ^ (s1 << 9)) & M32
        s[3] = rotl(s3, 11)
        return (rotl((s1 * 5) & M32, 7) * 9) & M32


# ---------------------------------------------------------------- helpers
def f32list(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


def softmax64(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax32(z):
    z = np.asarray(z, dtype=np.float32)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def log_softmax64(z):
    z = np.asarray(z, dtype=np.float64)
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def ratio(num, den):
    return None if den == 0 else num / den


# ---------------------------------------------------------------- metrics
def pgr(weak, w2s, ceiling, min_gap=0.03):
    gap = ceiling - weak
    return (w2s - weak) / gap if gap >= min_gap - GAP_SLACK else None


def ece_bins(labels, probs, bins=15):
    probs = np.asarray(probs, dtype=np.float64)
    conf = probs.max(axis=1)
    pred = probs.argmax(axis=1)  # first maximum on ties
    right = pred == labels
    edges = np.arange(bins + 1) / bins
    out, ece = [], 0.0
    for b in range(bins):
        lo, hi = edges[b], edges[b + 1]
        inside = (conf > lo) & (conf <= hi)
        if b == 0:
            inside |= conf == 0
        n_b = int(inside.sum())
        c = float(conf[inside].mean()) if n_b else None
        a = float(right[inside].mean()) if n_b else None
        if n_b:
            ece += n_b / len(labels) * abs(a - c)
        out.append({"lower": lo, "upper": hi, "count": n_b, "confidence": c, "accuracy": a})
    return ece, out


def brier(labels, probs):
    probs = np.asarray(probs, dtype=np.float64)
    onehot = np.eye(probs.shape[1])[labels]
    return float(((probs - onehot) ** 2).sum(axis=1).mean())


def confusion(labels, pred, k):
    m = np.zeros((k, k), dtype=np.int64)
    np.add.at(m, (labels, pred), 1)
    return m


def agreement(labels, sup, stu):
    sr = sup == labels
    sw = ~sr
    counts = {
        "items": int(len(labels)),
        "supervisorRight": int(sr.sum()),
        "supervisorWrong": int(sw.sum()),
        "agree": int((stu == sup).sum()),
        "bothRight": int((sr & (stu == labels)).sum()),
        "corrected": int((sw & (stu == labels)).sum()),
        "inherited": int((sw & (stu == sup)).sum()),
        "newError": int((sr & (stu != labels)).sum()),
        "bothWrongDifferent": int((sw & (stu != labels) & (stu != sup)).sum()),
    }
    rates = {
        "overall": counts["agree"] / counts["items"],
        "supervisorRight": ratio(counts["bothRight"], counts["supervisorRight"]),
        "supervisorWrong": ratio(counts["inherited"], counts["supervisorWrong"]),
        "inheritance": ratio(counts["inherited"], counts["supervisorWrong"]),
        "correction": ratio(counts["corrected"], counts["supervisorWrong"]),
        "newError": ratio(counts["newError"], counts["supervisorRight"]),
    }
    cats = []
    for y, w, s in zip(labels, sup, stu):
        if w == y:
            cats.append("both-right" if s == y else "new-error")
        elif s == y:
            cats.append("corrected")
        else:
            cats.append("inherited" if s == w else "both-wrong-different")
    return counts, rates, cats


def bootstrap(cw, cs, cc, key, resamples, level, min_gap=0.03):
    rng = Stream(*key)
    n = len(cw)
    acc = np.zeros((resamples, 3))
    pgrs = []
    for r in range(resamples):
        idx = np.array([(rng.next_uint32() * n) >> 32 for _ in range(n)])
        acc[r] = [cw[idx].sum() / n, cs[idx].sum() / n, cc[idx].sum() / n]
        gap = acc[r, 2] - acc[r, 0]
        if gap >= min_gap - GAP_SLACK:
            pgrs.append((acc[r, 1] - acc[r, 0]) / gap)
    lo, hi = (1 - level) / 2, (1 + level) / 2

    def iv(v):
        return {"low": float(np.quantile(v, lo)), "high": float(np.quantile(v, hi))} if len(v) else {"low": None, "high": None}

    return {"weak": iv(acc[:, 0]), "student": iv(acc[:, 1]), "ceiling": iv(acc[:, 2]), "pgr": iv(np.array(pgrs)),
            "pgrUndefinedResamples": resamples - len(pgrs), "firstIndices": None}


def model_probs(rng, labels, k, strength, mix=None, mix_weight=0.0):
    logits = rng.normal(size=(len(labels), k)) + strength * np.eye(k)[labels]
    if mix is not None:
        logits = logits + mix_weight * mix
    return logits, softmax64(logits).astype(np.float32)


def metric_case(name, rng, n, k, strengths, key, resamples=200, level=0.8, dtype=np.float32, probs=None, labels=None):
    if probs is None:
        labels = rng.integers(0, k, size=n)
        lw, pw = model_probs(rng, labels, k, strengths[0])
        _, ps = model_probs(rng, labels, k, strengths[1], mix=lw, mix_weight=0.6)
        _, pc = model_probs(rng, labels, k, strengths[2])
        probs = {"weak": pw, "student": ps, "ceiling": pc}
    labels = np.asarray(labels)
    probs = {m: np.asarray(p, dtype=dtype) for m, p in probs.items()}
    pred = {m: probs[m].argmax(axis=1) for m in probs}
    right = {m: (pred[m] == labels).astype(np.int64) for m in probs}
    acc = {m: float(right[m].mean()) for m in probs}
    counts, rates, cats = agreement(labels, pred["weak"], pred["student"])
    calib = {}
    for m in probs:
        e, bins = ece_bins(labels, probs[m])
        calib[m] = {"ece": e, "reliability": bins, "brier": brier(labels, probs[m]),
                    "brierDividedByK": brier(labels, probs[m]) / k}
    cs = confusion(labels, pred["student"], k)
    cw = confusion(labels, pred["weak"], k)
    rows = np.maximum(np.bincount(labels, minlength=k), 1)[:, None]
    return {
        "name": name,
        "k": k,
        "dtype": "float64" if dtype == np.float64 else "float32",
        "labels": [int(v) for v in labels],
        "probabilities": {m: [float(v) for v in probs[m].ravel()] for m in probs},
        "predicted": {m: [int(v) for v in pred[m]] for m in probs},
        "accuracy": acc,
        "pgr": pgr(acc["weak"], acc["student"], acc["ceiling"]),
        "gap": acc["ceiling"] - acc["weak"],
        "agreementCounts": counts,
        "agreement": rates,
        "categories": cats,
        "calibration": calib,
        "confusion": {m: confusion(labels, pred[m], k).tolist() for m in probs},
        "confusionChange": (cs - cw).tolist(),
        "confusionChangeRows": (cs / rows - cw / rows).tolist(),
        "bootstrapKey": list(key),
        "bootstrapResamples": resamples,
        "bootstrapLevel": level,
        "bootstrap": bootstrap(right["weak"], right["student"], right["ceiling"], key, resamples, level),
    }


def edge_case():
    """float64 rows whose top confidence sits exactly on bin edges (0.2 = 3/15, 0.4, 0.6, 2/3, 1), plus ties."""
    rows = [
        [0.2, 0.2, 0.2, 0.2, 0.2],      # tie → class 0, conf 0.2 = 3/15: bin 2 under (lo, hi]
        [0.4, 0.15, 0.15, 0.15, 0.15],  # 6/15 → bin 5
        [0.1, 0.6, 0.1, 0.1, 0.1],      # 9/15 → bin 8
        [0.0, 0.0, 2 / 3, 1 / 3, 0.0],  # 10/15 → bin 9
        [0.0, 0.0, 0.0, 0.0, 1.0],      # 15/15 → bin 14
        [0.3, 0.3, 0.4, 0.0, 0.0],      # 0.4 → bin 5
        [0.35, 0.35, 0.1, 0.1, 0.1],    # tie between 0 and 1 → class 0
    ]
    labels = [0, 0, 1, 3, 4, 2, 1]
    p = np.array(rows, dtype=np.float64)
    probs = {"weak": p, "student": p[:, ::-1].copy(), "ceiling": p}
    rng = np.random.default_rng(0)
    case = metric_case("edges", rng, len(labels), 5, None, (11, 0, 0, 5), resamples=50, dtype=np.float64, probs=probs, labels=labels)
    # Bin of each weak row's confidence under the documented (lo, hi] rule; [lo, hi) would give 3, 6, 9, 10, 14, 6, 5.
    case["weakBins"] = [2, 5, 8, 9, 14, 5, 5]
    return case


def small_gap_case(rng):
    """Ceiling = weak with 3 of 120 wrong items fixed: gap 2.5 points < 3, PGR undefined; some resamples reach 3."""
    n, k = 120, 3
    labels = rng.integers(0, k, size=n)
    lw, pw = model_probs(rng, labels, k, 1.0)
    _, ps = model_probs(rng, labels, k, 1.8, mix=lw, mix_weight=0.6)
    pc = pw.copy()
    wrong = np.flatnonzero(pw.argmax(axis=1) != labels)[:3]
    pc[wrong] = np.eye(k, dtype=np.float32)[labels[wrong]]
    return metric_case("small gap", rng, n, k, None, (9, 0, 0, 1), resamples=300, probs={"weak": pw, "student": ps, "ceiling": pc}, labels=labels)


def seed_summary(values):
    v = np.array([x for x in values if x is not None and np.isfinite(x)], dtype=np.float64)
    if len(v) == 0:
        return {"mean": None, "median": None, "p10": None, "p90": None, "count": 0, "excluded": len(values)}
    return {"mean": float(v.mean()), "median": float(np.quantile(v, 0.5)), "p10": float(np.quantile(v, 0.1)),
            "p90": float(np.quantile(v, 0.9)), "count": int(len(v)), "excluded": len(values) - len(v)}


# ---------------------------------------------------------------- losses
def harden_torch_rule(p, weak):
    """openai/weak-to-strong logconf_loss_fn on two classes: class 0 iff p0 ≥ quantile(p0, mean weak[:, 1])."""
    q = float(np.asarray(weak, dtype=np.float64)[:, 1].mean())
    threshold = np.quantile(np.asarray(p, dtype=np.float64)[:, 0], q)
    return np.where(np.asarray(p, dtype=np.float64)[:, 0] < threshold, 1, 0)


def harden_peeling(p, prior):
    """The documented multi-class rule, written out independently (see priorMatchedHardening.ts)."""
    p = np.asarray(p, dtype=np.float64)
    b, k = p.shape
    out = np.zeros(b, dtype=np.int64)
    remaining = np.arange(b)
    for c in range(k - 1, 0, -1):
        if len(remaining) == 0:
            break
        first = c == k - 1
        open_prior = float(np.sum(prior[: c + 1]))
        q = prior[c] if first else (prior[c] / open_prior if open_prior > 0 else 0.0)
        q = min(1.0, max(0.0, q))
        sub = p[remaining]
        rest = sub[:, :c].sum(axis=1)
        if first:
            score = rest
        else:
            total = rest + sub[:, c]
            score = np.where(total > 0, rest / np.where(total > 0, total, 1), 1.0)
        t = np.quantile(score, q)
        take = score < t
        out[remaining[take]] = c
        remaining = remaining[~take]
    return out


def ce_value_grad(z, t):
    z = np.asarray(z, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    b = z.shape[0]
    value = float(-(t * log_softmax64(z)).sum(axis=1).mean())
    grad = (softmax64(z) * t.sum(axis=1, keepdims=True) - t) / b
    return value, grad


def aux_case(rng, b, k, progress, aux=0.5, warmup=0.2, hard=False, name=None):
    z = rng.normal(scale=1.5, size=(b, k)).astype(np.float32)
    w = softmax64(rng.normal(scale=1.2, size=(b, k))).astype(np.float32)
    if hard:
        w = np.eye(k, dtype=np.float32)[w.argmax(axis=1)]
    p32 = softmax32(z)
    prior = np.asarray(w, dtype=np.float64).mean(axis=0)
    hardened = harden_torch_rule(p32, w) if k == 2 else harden_peeling(p32, prior)
    onehot = np.eye(k)[hardened]
    out = {"name": name or f"aux-conf K={k}", "loss": "aux-conf", "b": b, "k": k, "progress": progress,
           "options": {"auxCoef": aux, "warmupFraction": warmup}, "logits": f32list(z), "weak": f32list(w),
           "hardened": [int(v) for v in hardened]}
    coef = aux * min(1.0, progress / warmup) if warmup > 0 else aux
    out["coef"] = coef
    out["value"], g = ce_value_grad(z, (1 - coef) * np.asarray(w, np.float64) + coef * onehot)
    out["grad"] = [float(v) for v in g.ravel()]
    buggy = aux * (1.0 if progress > warmup else progress)
    out["buggyCoef"] = buggy
    out["buggyValue"], _ = ce_value_grad(z, (1 - buggy) * np.asarray(w, np.float64) + buggy * onehot)
    return out


def naive_case(rng, b, k, hard):
    z = rng.normal(scale=1.5, size=(b, k)).astype(np.float32)
    w = softmax64(rng.normal(size=(b, k))).astype(np.float32)
    if hard:
        w = np.eye(k, dtype=np.float32)[w.argmax(axis=1)]
    value, g = ce_value_grad(z, w)
    return {"name": f"naive {'hard' if hard else 'soft'}", "loss": "naive", "b": b, "k": k, "progress": 0.4, "options": {},
            "logits": f32list(z), "weak": f32list(w), "value": value, "grad": [float(v) for v in g.ravel()]}


def product_case(rng, b, k, alpha, beta, hard):
    z = rng.normal(scale=1.5, size=(b, k)).astype(np.float32)
    w = softmax64(rng.normal(size=(b, k))).astype(np.float32)
    if hard:
        w = np.eye(k, dtype=np.float32)[w.argmax(axis=1)]
    p = softmax64(z)
    w64 = np.asarray(w, np.float64)
    with np.errstate(divide="ignore"):
        target = p ** beta * (w64 ** alpha)
    target /= target.sum(axis=1, keepdims=True)
    value, g = ce_value_grad(z, target)
    return {"name": f"product α={alpha} β={beta} {'hard' if hard else 'soft'}", "loss": "product", "b": b, "k": k, "progress": 0.7,
            "options": {"alpha": alpha, "beta": beta}, "logits": f32list(z), "weak": f32list(w),
            "target": [float(v) for v in target.ravel()], "value": value, "grad": [float(v) for v in g.ravel()]}


def adaptconf_case(rng, b, k, temperature, kd_temperature, hard):
    z = rng.normal(scale=1.5, size=(b, k)).astype(np.float32)
    w = softmax64(rng.normal(size=(b, k))).astype(np.float32)
    if hard:
        w = np.eye(k, dtype=np.float32)[w.argmax(axis=1)]
    z64 = np.asarray(z, np.float64)
    w64 = np.asarray(w, np.float64)
    logp = log_softmax64(z64)
    a_s = z64.argmax(axis=1)
    a_t = w64.argmax(axis=1)
    ce_s = -logp[np.arange(b), a_s]
    ce_t = -logp[np.arange(b), a_t]
    es, et = np.exp(ce_s / temperature), np.exp(ce_t / temperature)
    alpha = es / (es + et)
    tau = kd_temperature
    if tau == 1:
        t_tau = w64
    else:
        with np.errstate(divide="ignore"):
            t_tau = softmax64(np.log(w64) / tau)
    log_s_tau = log_softmax64(z64 / tau)
    with np.errstate(divide="ignore", invalid="ignore"):
        kl = np.where(t_tau > 0, t_tau * (np.log(np.where(t_tau > 0, t_tau, 1)) - log_s_tau), 0.0).sum(axis=1)
    kd = tau ** 2 * kl
    per_item = (1 - alpha) * kd + alpha * ce_s
    grad = ((1 - alpha)[:, None] * tau * (softmax64(z64 / tau) - t_tau)
            + alpha[:, None] * (softmax64(z64) - np.eye(k)[a_s])) / b
    return {"name": f"adaptive-conf T={temperature} τ={kd_temperature} {'hard' if hard else 'soft'}", "loss": "adaptive-conf",
            "b": b, "k": k, "progress": 0.2, "options": {"temperature": temperature, "kdTemperature": kd_temperature},
            "logits": f32list(z), "weak": f32list(w), "alpha": [float(v) for v in alpha],
            "value": float(per_item.mean()), "grad": [float(v) for v in grad.ravel()]}


def hardening_cases(rng):
    cases = []
    # Two classes, integer quantile position: B = 9, mean weak p1 = 0.5 → position 4, threshold = 5th smallest p0;
    # that item stays class 0 (p0 ≥ threshold); a '≤' rule would move it to class 1.
    p0 = np.array([0.9, 0.1, 0.45, 0.3, 0.7, 0.55, 0.2, 0.8, 0.6], dtype=np.float32)
    w1 = np.array([0.5] * 9, dtype=np.float32)
    cases.append(("two classes, integer position", np.stack([p0, 1 - p0], 1), np.stack([1 - w1, w1], 1)))
    # Ties at the threshold: all tied items stay class 0.
    p0 = np.array([0.5, 0.5, 0.5, 0.5, 0.2, 0.9, 0.5, 0.1], dtype=np.float32)
    w1 = np.array([0.3, 0.6, 0.4, 0.5, 0.7, 0.2, 0.5, 0.6], dtype=np.float32)
    cases.append(("two classes, ties", np.stack([p0, 1 - p0], 1), np.stack([1 - w1, w1], 1)))
    # Hard weak labels, all class 1: quantile at 1 = max p0, so the most class-0 item stays class 0 (the reference's quirk).
    p0 = rng.uniform(size=7).astype(np.float32)
    cases.append(("two classes, weak all class 1", np.stack([p0, 1 - p0], 1), np.tile(np.array([[0, 1]], np.float32), (7, 1))))
    # Hard weak labels, all class 0: nobody is below the minimum.
    cases.append(("two classes, weak all class 0", np.stack([p0, 1 - p0], 1), np.tile(np.array([[1, 0]], np.float32), (7, 1))))
    # Random two-class batches with soft weak labels.
    for b in (16, 33):
        p = softmax32(rng.normal(scale=2, size=(b, 2)))
        w = softmax64(rng.normal(size=(b, 2))).astype(np.float32)
        cases.append((f"two classes, random B={b}", p, w))
    out = []
    for name, p, w in cases:
        p = np.asarray(p, np.float32)
        w = np.asarray(w, np.float32)
        out.append({"name": name, "b": len(p), "k": 2, "probabilities": f32list(p),
                    "prior": [float(v) for v in np.asarray(w, np.float64).mean(axis=0)],
                    "hardened": [int(v) for v in harden_torch_rule(p, w)]})
    for b, k in ((24, 5), (64, 10)):
        p = softmax32(rng.normal(scale=2, size=(b, k)))
        w = softmax64(rng.normal(size=(b, k)) + np.eye(k)[rng.integers(0, k, size=b)] * 2)
        prior = w.mean(axis=0)
        out.append({"name": f"K={k} peeling B={b}", "b": b, "k": k, "probabilities": f32list(p),
                    "prior": [float(v) for v in prior], "hardened": [int(v) for v in harden_peeling(p, prior)]})
    return out


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240909)
    metrics = [
        metric_case("main K=5", rng, 300, 5, (0.9, 1.6, 2.6), (7, 0, 0, 3)),
        metric_case("binary", rng, 150, 2, (0.6, 1.2, 2.0), (7, 1, 0, 3)),
        small_gap_case(rng),
        edge_case(),
    ]
    seeds = [[0.4, 0.55, None, 0.61, 0.3, 0.72], [None, None], [0.5]]
    loss_cases = [
        naive_case(rng, 12, 5, False),
        naive_case(rng, 12, 5, True),
        aux_case(rng, 16, 2, 0.1, name="aux-conf K=2 mid-warm-up (linear 0.25 vs buggy 0.05)"),
        aux_case(rng, 16, 2, 0.05, warmup=0.1, name="aux-conf K=2 reference warm-up 0.1"),
        aux_case(rng, 16, 2, 0.6, name="aux-conf K=2 after warm-up"),
        aux_case(rng, 20, 2, 0.3, hard=True, name="aux-conf K=2 hard labels"),
        aux_case(rng, 24, 5, 0.12, name="aux-conf K=5 mid-warm-up"),
        aux_case(rng, 24, 5, 0.9, name="aux-conf K=5 after warm-up"),
        product_case(rng, 12, 5, 1.0, 1.0, False),
        product_case(rng, 12, 5, 2.0, 0.5, False),
        product_case(rng, 12, 5, 1.0, 1.0, True),
        adaptconf_case(rng, 12, 5, 0.5, 1.0, False),
        adaptconf_case(rng, 12, 5, 4.0, 2.0, False),
        adaptconf_case(rng, 12, 5, 0.5, 1.0, True),
    ]
    reference = {
        "numpy": np.__version__,
        "metrics": metrics,
        "seedSummaries": [{"values": v, **seed_summary(v)} for v in seeds],
        "losses": loss_cases,
        "hardening": hardening_cases(rng),
    }
    (OUT / "reference.json").write_text(json.dumps(reference, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {OUT / 'reference.json'} ({(OUT / 'reference.json').stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()

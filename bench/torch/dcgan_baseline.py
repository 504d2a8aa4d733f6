"""PyTorch CPU baseline for the DCGAN rows of bench/trainingThroughput.ts: the model zoo's DCGAN
(src/main/core/engine/models/dcgan.ts) at its defaults (dcganDefaults: 28x28x1, latent 100, width w = 32,
kernel 5, batch norm in D, unconditional, no minibatch discrimination) trained the way GanStepper
(src/main/core/engine/training/ganStep.ts) does, with the same batch and Adam settings (lr 2e-4,
betas 0.5 / 0.999), timed the same way (warm-up steps, then the median step). Prints one JSON line.
Uses only Debian's python3-torch; it is a benchmark tool, never a product dependency.

G: Linear(100, 7*7*4w, no bias) -> BN -> ReLU -> reshape (4w, 7, 7)
   -> ConvT(4w -> 2w, k5 s2, 'same', no bias) -> BN -> ReLU -> ConvT(2w -> 1, k5 s2, 'same') -> tanh
D: Conv(1 -> w, k5 s2, 'same') -> LeakyReLU 0.2 -> Conv(w -> 2w, k5 s2, 'same', no bias) -> BN
   -> LeakyReLU 0.2 -> flatten (7*7*2w features) -> Linear(1) = logit
tfjs 'same' for stride 2, kernel 5: conv padding 2 (28 -> 14 -> 7); transposed conv padding 2 with
output_padding 1 (7 -> 14 -> 28). Layout is NCHW here, NHWC in tfjs: same arithmetic.
Step (GanStepper.step): fake_D = G(z_D) with no gradient to G; D minimises
BCE-with-logits(D(real), 1) + BCE-with-logits(D(fake_D), 0); then G minimises the non-saturating
BCE-with-logits(D(G(z_G)), 1) with D's weights frozen (tfjs computes only G's gradients there, too).
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


def build(latent=100, w=32, k=5, channels=1):
    pad, out_pad = k // 2, 1
    g = nn.Sequential(
        nn.Linear(latent, 7 * 7 * 4 * w, bias=False), nn.BatchNorm1d(7 * 7 * 4 * w), nn.ReLU(),
        nn.Unflatten(1, (4 * w, 7, 7)),
        nn.ConvTranspose2d(4 * w, 2 * w, k, 2, pad, output_padding=out_pad, bias=False), nn.BatchNorm2d(2 * w), nn.ReLU(),
        nn.ConvTranspose2d(2 * w, channels, k, 2, pad, output_padding=out_pad), nn.Tanh(),
    )
    d = nn.Sequential(
        nn.Conv2d(channels, w, k, 2, pad), nn.LeakyReLU(0.2),
        nn.Conv2d(w, 2 * w, k, 2, pad, bias=False), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(7 * 7 * 2 * w, 1),
    )
    return g, d


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--min-steps", type=int, default=5)
    parser.add_argument("--min-seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=0, help="0 = torch's default")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    g, d = build()
    g.train()
    d.train()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    b = args.batch
    real = torch.rand(b, 1, 28, 28) * 2 - 1  # throughput only: any images will do
    ones, zeros = torch.ones(b, 1), torch.zeros(b, 1)

    def step():
        z_d = torch.randn(b, 100)
        z_g = torch.randn(b, 100)
        with torch.no_grad():
            fake_d = g(z_d)
        opt_d.zero_grad(set_to_none=True)
        loss_d = bce(d(real), ones) + bce(d(fake_d), zeros)
        loss_d.backward()
        opt_d.step()
        for p in d.parameters():
            p.requires_grad_(False)
        opt_g.zero_grad(set_to_none=True)
        loss_g = bce(d(g(z_g)), ones)
        loss_g.backward()
        opt_g.step()
        for p in d.parameters():
            p.requires_grad_(True)
        return loss_d.item(), loss_g.item()

    for _ in range(args.warmup):
        step()
    times = []
    start = time.perf_counter()
    while len(times) < args.min_steps or time.perf_counter() - start < args.min_seconds:
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    try:
        import resource
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except ImportError:
        peak_mib = None
    print(json.dumps({
        "imagesPerSecond": b / median,
        "medianStepMs": median * 1000,
        "steps": len(times),
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "peakMemoryMiB": peak_mib,
    }))


if __name__ == "__main__":
    main()

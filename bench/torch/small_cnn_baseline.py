"""PyTorch CPU baseline for the small-CNN rows of bench/trainingThroughput.ts: the model zoo's small CNN
(src/main/core/engine/models/classifiers.ts buildSmallCnn at classifierDefaults: width w = 32, dense 128,
10 classes) on 28x28x1 inputs, trained the way ClassifierStepper (src/main/core/engine/training/
classifierStep.ts) does (softmax cross-entropy on one-hot targets, Adam 1e-3, betas 0.9 / 0.999), with
the same batch, timed the same way (warm-up steps, then the median step; the loss is read every step).
Prints one JSON line. Uses only Debian's python3-torch; a benchmark tool, never a product dependency.

conv3x3(1 -> w, 'same', ReLU) -> maxpool 2 -> conv3x3(w -> 2w, 'same', ReLU) -> maxpool 2 -> flatten
(7*7*2w) -> dense(128, ReLU) -> dense(10) = logits. Layout is NCHW here, NHWC in tfjs: same arithmetic.
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


def build(w=32, hidden=128, classes=10):
    return nn.Sequential(
        nn.Conv2d(1, w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(w, 2 * w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(7 * 7 * 2 * w, hidden), nn.ReLU(), nn.Linear(hidden, classes),
    )


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
    model = build()
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999))
    ce = nn.CrossEntropyLoss()
    b = args.batch
    x = torch.rand(b, 1, 28, 28)
    y = torch.arange(b) % 10

    def step():
        opt.zero_grad(set_to_none=True)
        loss = ce(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

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

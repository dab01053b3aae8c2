#!/usr/bin/env python3
"""Exports torchvision's Swin-T for the peer benchmark (PeerComparisonBenchmark): TorchScript (run
by DJL's PyTorch engine) and ONNX (run by ONNX Runtime), at a fixed input size, with seeded random
weights (latency does not depend on the values). The files are generated on demand and not kept in
git; the benchmark skips the peers when they are absent and says so.

Debian's python3-torch and python3-torchvision (1.13 / 0.14) do:

    apt-get install -y python3-torch python3-torchvision
    /usr/bin/python3 tools/peers/export_swin_t.py [--size 672] [--out target/peers]
"""
import argparse
from pathlib import Path

import torch
from torchvision.models import swin_t


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=672)
    parser.add_argument("--out", default="target/peers")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(20261130)
    model = swin_t(weights=None).eval()
    images = torch.randn(1, 3, args.size, args.size)
    with torch.no_grad():
        traced = torch.jit.trace(model, images)
        script = out / f"swin_t_{args.size}.pt"
        traced.save(str(script))
        onnx = out / f"swin_t_{args.size}.onnx"
        torch.onnx.export(model, images, str(onnx), opset_version=17, input_names=["images"],
                          output_names=["logits"], do_constant_folding=True)
        reference = model(images)
        check = torch.jit.load(str(script))(images)
        print(f"TorchScript {script}: max |diff| to eager {float((check - reference).abs().max()):.2e}")
    print(f"ONNX {onnx} (opset 17), torch {torch.__version__}")


if __name__ == "__main__":
    main()

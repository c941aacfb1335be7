"""torchvision's ResNet18 (random weights) forward in Debian's PyTorch: the speed peer of resnet18-imagenet for
bench/Onnx/Measure-OnnxSpeed.ps1. Same 224x224 input and batch, no decoding, no gradients.
Usage: python3 torchvision_resnet18.py <batch> <images> <threads>  -> prints: images_per_second threads version"""
import sys
import time

import torch
import torchvision


def main():
    batch, images, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = torchvision.models.resnet18().eval()
    x = torch.randn(batch, 3, 224, 224)
    with torch.no_grad():
        net(x)
        start = time.perf_counter()
        done = 0
        while done < images:
            net(x)
            done += batch
        elapsed = time.perf_counter() - start
    print(f"{done / elapsed:.2f} {torch.get_num_threads()} {torch.__version__}")


if __name__ == "__main__":
    main()

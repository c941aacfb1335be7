"""The same SimpleResNet in Debian's PyTorch (python3-torch), timed on the same batch size: the reference
peer for bench/Models/Measure-ModelSpeed.ps1. Forward only, no gradients, random 32x32 inputs (no decoding).
Usage: python3 torch_reference.py <width> <batch> <images>   -> prints one line: images_per_second threads version"""
import sys, time
import torch
import torch.nn as nn


def conv_bn(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.body = nn.Sequential(conv_bn(c, c), conv_bn(c, c))

    def forward(self, x):
        return x + self.body(x)


def simple_resnet(width, classes=10):
    c = [max(4, round(k * width)) for k in (64, 128, 256, 512)]
    return nn.Sequential(
        conv_bn(3, c[0]),
        conv_bn(c[0], c[1]), nn.MaxPool2d(2), Residual(c[1]),
        conv_bn(c[1], c[2]), nn.MaxPool2d(2),
        conv_bn(c[2], c[3]), nn.MaxPool2d(2), Residual(c[3]),
        nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(c[3], classes, bias=False))


def main():
    width, batch, images = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    torch.manual_seed(0)
    net = simple_resnet(width).eval()
    x = torch.randn(batch, 3, 32, 32)
    with torch.no_grad():
        net(x)
        start = time.perf_counter()
        done = 0
        while done < images:
            net(x)
            done += batch
        elapsed = time.perf_counter() - start
    print(f"{done / elapsed:.1f} {torch.get_num_threads()} {torch.__version__}")


if __name__ == "__main__":
    main()

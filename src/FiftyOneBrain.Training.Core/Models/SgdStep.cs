using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FiftyOneBrain.Models;

/// <summary>
/// The update TorchSharp's SGD.step makes (weight decay, momentum with dampening, Nesterov, the same tensor
/// operations in the same order), with owned Scalars: SGD.step converts the learning rate, momentum and weight
/// decay to temporary Scalars that a garbage collection can free under libtorch (see <see cref="TorchScalars"/>).
/// The TorchSharp optimizer still holds the parameter groups, whose learning rate and momentum the one-cycle
/// schedule sets before each step; the momentum buffers live here.
/// </summary>
internal sealed class SgdStep(SGD optimizer) : IDisposable
{
    private readonly Dictionary<IntPtr, Tensor> _momentum = new(); // by native parameter, as SGD keys its state

    public void Step()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        foreach (var group in optimizer.ParamGroups.Cast<SGD.ParamGroup>())
        {
            var options = group.Options;
            var momentum = options.momentum ?? 0;
            var nesterov = options.nesterov ?? false;
            using var weightDecay = (options.weight_decay ?? 0).ToScalar();
            using var momentumScalar = momentum.ToScalar();
            using var undamped = (1 - (options.dampening ?? 0)).ToScalar();
            using var step = ((options.maximize ?? false) ? group.LearningRate : -group.LearningRate).ToScalar();
            foreach (var param in group.Parameters)
            {
                var grad = param.grad;
                if (grad is null) continue;
                if (options.weight_decay is not (null or 0)) grad = grad.add(param, weightDecay);
                if (momentum != 0)
                {
                    if (_momentum.TryGetValue(param.Handle, out var buffer)) buffer.mul_(momentumScalar).add_(grad, undamped);
                    else _momentum[param.Handle] = buffer = grad.clone().detach().DetachFromDisposeScope();
                    grad = nesterov ? grad.add(buffer, momentumScalar) : buffer;
                }
                param.add_(grad, step);
            }
        }
    }

    public void Dispose()
    {
        foreach (var buffer in _momentum.Values) buffer.Dispose();
        _momentum.Clear();
    }
}

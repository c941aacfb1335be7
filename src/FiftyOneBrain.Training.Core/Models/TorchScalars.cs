using TorchSharp;

namespace FiftyOneBrain.Models;

/// <summary>
/// Scalars handed to libtorch, owned for as long as libtorch reads them. A TorchSharp call that takes a .NET
/// number (t.add_(1), t.mul(0.125), the alpha of 1 behind a + b, the learning rate and momentum inside
/// SGD.step) converts it to a native c10::Scalar and passes only its handle, so the wrapper is garbage as soon
/// as the handle is read. A garbage collection during the native call, set off by any other thread that
/// allocates (a decode thread, the host), lets the finalizer thread delete the c10::Scalar while libtorch is
/// still reading it: libtorch then meets an unknown tag ("Expected false to be true" from Scalar::toLong,
/// "Unknown scalar type") or, worse, another Scalar's value. So every Scalar on the model's paths is a static
/// field here (never collected) or a <c>using</c> local that outlives its call.
/// </summary>
internal static class TorchScalars
{
    /// <summary>1: the alpha of an addition, and a step of BatchNorm's num_batches_tracked (an int64 tensor).</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>The factor on SimpleResNet's logits.</summary>
    public static readonly Scalar LogitScale = SimpleResNet.LogitScale.ToScalar();
}

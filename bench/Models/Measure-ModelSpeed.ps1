<#
.SYNOPSIS
    Speed of Get-FoEmbedding (decode + preprocess + forward) and of one training epoch, against the machine's
    FLOP limit measured in the same run, with Debian's PyTorch 1.13 on the same network and batch beside it.
.DESCRIPTION
    Limit: libtorch's fp32 matmul GFLOP/s (1024x1024, all threads) divided by 2 FLOP x the network's
    multiply-adds per image (x3 for a training step: forward, input gradients, weight gradients).
    Decoding runs on its own thread ahead of the network; "decode only" shows its rate alone, so one can
    see it is not the bottleneck. Run by `./build.sh Bench` or directly in the repo's script host.
.EXAMPLE
    dotnet tools/FoHost/bin/Release/net10.0/linux-x64/FoHost.dll bench/Models/Measure-ModelSpeed.ps1 -Images 10000
#>
[CmdletBinding()]
param(
    [string] $DataDirectory = '/usr/share/datasets/fashion-mnist',
    [int] $Images = 10000,
    [int] $BatchSize = 64,
    # Networks timed for embedding: 'default' (the shipped model) and full width (random weights: speed only).
    [double[]] $EmbeddingWidths = @(1.0),
    [int] $TrainImages = 10000,
    # Widths timed for one training epoch (full width takes minutes per 10k images on 2 cores).
    [double[]] $TrainWidths = @(0.25)
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command Get-FoEmbedding -ErrorAction Ignore)) {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'FiftyOneBrain', 'FiftyOneBrain.psd1'))
}
$work = [IO.Path]::Combine([IO.Path]::GetTempPath(), "fob-bench-models-$PID")
[void][IO.Directory]::CreateDirectory($work)
function Say([string] $Text) { [Console]::WriteLine($Text) }

$gflops = [FiftyOneBrain.Models.ComputeLimit]::MatmulGflops(1024, 3.0)
Say ('libtorch fp32 matmul: {0:N1} GFLOP/s on {1} threads' -f $gflops, [FiftyOneBrain.Models.TorchRuntime]::Threads)

[FiftyOneBrain.Samples.Sample[]] $samples = @(Import-FoDataset $DataDirectory -Format FashionMNIST -Split test -MaxSamples $Images)
$clock = [Diagnostics.Stopwatch]::StartNew()
foreach ($batch in [FiftyOneBrain.Models.DecodedBatchStream]::Read($samples, $BatchSize, [FiftyOneBrain.Models.ImagePreprocessing]::Default, [Threading.CancellationToken]::None)) { }
$decodeRate = $samples.Count / $clock.Elapsed.TotalSeconds
Say ('decode + resize + normalise only: {0:N0} images/s (one thread)' -f $decodeRate)

$models = [Collections.Generic.List[object]]::new()
$models.Add(@{ Name = 'default'; Path = 'default'; Header = [FiftyOneBrain.Models.ModelFile]::ReadHeader([FiftyOneBrain.Models.ModelLocator]::DefaultModelPath) })
foreach ($w in $EmbeddingWidths) {
    $path = [IO.Path]::Combine($work, "width$w.fomodel")
    $classes = [string[]](0..9 | ForEach-Object { "class$_" })
    $h = [FiftyOneBrain.Models.ModelHeader]@{ Width = $w; Classes = $classes }
    $m = [FiftyOneBrain.Models.ImageClassifier]::Create($h, 0); $m.Save($path); $m.Dispose()
    $models.Add(@{ Name = "width $w (random weights)"; Path = $path; Header = $h })
}

$results = [Collections.Generic.List[object]]::new()
# Debian's interpreter, where python3-torch installs (a python3 earlier on PATH may lack torch)
$python = if ([IO.File]::Exists('/usr/bin/python3')) { '/usr/bin/python3' } else { (Get-Command python3 -ErrorAction Ignore).Source }
foreach ($model in $models) {
    $shape = $model.Header.Shape
    $null = $samples[0..($BatchSize - 1)] | Get-FoEmbedding -Model $model.Path -BatchSize $BatchSize   # warm-up: kernels, threads
    $clock.Restart()
    $out = @($samples | Get-FoEmbedding -Model $model.Path -BatchSize $BatchSize)
    $rate = $out.Count / $clock.Elapsed.TotalSeconds
    $limit = [FiftyOneBrain.Models.ComputeLimit]::ImagesPerSecond($gflops, $shape.MultiplyAdds, $false)
    $reference = $null
    if ($python) {
        $line = & $python ([IO.Path]::Combine($PSScriptRoot, 'torch_reference.py')) $shape.Width $BatchSize ([Math]::Min($Images, 3000)) 2>$null
        if ($LASTEXITCODE -eq 0 -and $line) { $reference = $line }
    }
    Say ('Get-FoEmbedding {0}: {1:N1} M multiply-adds/image, {2} images in {3:N1} s = {4:N0} images/s; FLOP limit {5:N0} images/s; ratio {6:P0}' -f
        $model.Name, ($shape.MultiplyAdds / 1e6), $out.Count, $clock.Elapsed.TotalSeconds, $rate, $limit, ($rate / $limit))
    if ($reference) {
        $parts = $reference -split ' '
        Say ('    PyTorch {0} (Debian, {1} thread(s)), same network and batch, forward only: {2} images/s' -f $parts[2], $parts[1], $parts[0])
    } else {
        Say '    PyTorch reference: python3-torch not installed (build.sh Bench installs it)'
    }
    # plain .NET values only: JsonSerializer cannot walk PowerShell's wrappers (e.g. native command output)
    $results.Add([ordered]@{ kind = 'embedding'; model = [string]$model.Name; width = [double]$shape.Width; multiplyAdds = [long]$shape.MultiplyAdds;
        images = [int]$out.Count; imagesPerSecond = [double]$rate; limitImagesPerSecond = [double]$limit; ratio = [double]($rate / $limit); pytorch = [string]$reference })
}

if ($TrainImages -gt 0) {
    $train = @(Import-FoDataset $DataDirectory -Format FashionMNIST -Split train -MaxSamples $TrainImages)
    foreach ($w in $TrainWidths) {
        $shape = [FiftyOneBrain.Models.SimpleResNetShape]::new($w, 10)
        $m = $train | New-FoModel -LabelField ground_truth -Path ([IO.Path]::Combine($work, "train$w.fomodel")) -Width $w -Epochs 1 -Seed 1
        $seconds = $m.TrainingTime.TotalSeconds
        $rate = $m.TrainingSamples / $seconds
        $limit = [FiftyOneBrain.Models.ComputeLimit]::ImagesPerSecond($gflops, $shape.MultiplyAdds, $true)
        Say ('Training epoch width {0}: {1} images in {2:N1} s = {3:N0} images/s; FLOP limit {4:N0} images/s; ratio {5:P0}' -f
            $w, $m.TrainingSamples, $seconds, $rate, $limit, ($rate / $limit))
        $results.Add([ordered]@{ kind = 'training-epoch'; width = [double]$w; multiplyAdds = [long]$shape.MultiplyAdds; images = [int]$m.TrainingSamples;
            seconds = [double]$seconds; imagesPerSecond = [double]$rate; limitImagesPerSecond = [double]$limit; ratio = [double]($rate / $limit) })
    }
}

$load = if ([IO.File]::Exists('/proc/loadavg')) { [IO.File]::ReadAllText('/proc/loadavg').Trim() } else { '' }
Say "load average during the run: $load"
$resultsDir = [IO.Path]::Combine($PSScriptRoot, '..', 'results')
[void][IO.Directory]::CreateDirectory($resultsDir)
$json = [Text.Json.JsonSerializer]::Serialize(@{ gflops = [double]$gflops; decodeImagesPerSecond = [double]$decodeRate; loadAverage = [string]$load; results = $results.ToArray() },
    [Text.Json.JsonSerializerOptions]@{ WriteIndented = $true })
[IO.File]::WriteAllText([IO.Path]::Combine($resultsDir, 'models.json'), $json)
[IO.Directory]::Delete($work, $true)

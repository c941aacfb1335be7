<#
.SYNOPSIS
    Speed of Get-FoEmbedding (decode + preprocess + forward) and of one training epoch, against the machine's
    FLOP limit measured in the same run, with Debian's PyTorch 1.13 on the same network and batch beside it.
.DESCRIPTION
    Limit: libtorch's fp32 matmul GFLOP/s (1024x1024, all threads) divided by 2 FLOP x the network's
    multiply-adds per image (x3 for a training step: forward, input gradients, weight gradients).
    Decoding runs on its own thread ahead of the network; "decode only" shows its rate alone, so one can
    see it is not the bottleneck. Run by `./build.sh Bench` or directly in pwsh; writes bench/results/models.json.
.EXAMPLE
    dotnet tool run pwsh -NoProfile -File bench/Models/Measure-ModelSpeed.ps1 -Images 10000
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
if (-not $PSBoundParameters.ContainsKey('InformationAction')) { $InformationPreference = 'Continue' }
if (-not (Get-Module FiftyOneBrain.Training)) {
    Import-Module (Join-Path $PSScriptRoot '..' '..' 'out' 'FiftyOneBrain' 'FiftyOneBrain.psd1')
    Import-Module (Join-Path $PSScriptRoot '..' '..' 'out' 'FiftyOneBrain.Training' 'FiftyOneBrain.Training.psd1')
}
$work = Join-Path (Convert-Path -LiteralPath 'Temp:') "fob-bench-models-$PID"
$null = New-Item -ItemType Directory -Path $work -Force

$gflops = [FiftyOneBrain.Models.ComputeLimit]::MatmulGflops(1024, 3.0)
Write-Information ('libtorch fp32 matmul: {0:N1} GFLOP/s on {1} threads' -f $gflops, [FiftyOneBrain.Models.TorchRuntime]::Threads)

[FiftyOneBrain.Samples.Sample[]] $samples = @(Import-FoDataset -Path $DataDirectory -Format FashionMNIST -Split test -MaxSamples $Images)
$decodeTime = Measure-Command {
    foreach ($batch in [FiftyOneBrain.Models.DecodedBatchStream]::Read($samples, $BatchSize, [FiftyOneBrain.Models.ImagePreprocessing]::Default, [Threading.CancellationToken]::None)) { }
}
$decodeRate = $samples.Count / $decodeTime.TotalSeconds
Write-Information ('decode + resize + normalise only: {0:N0} images/s (one thread)' -f $decodeRate)

$models = @(
    @{ Name = 'default'; Path = 'default'; Header = [FiftyOneBrain.Models.ModelFile]::ReadHeader([FiftyOneBrain.Models.ModelLocator]::DefaultModelPath) }
    foreach ($w in $EmbeddingWidths) {
        $path = Join-Path $work "width$w.fomodel"
        $header = [FiftyOneBrain.Models.ModelHeader]@{ Width = $w; Classes = [string[]](0..9 | ForEach-Object { "class$_" }) }
        $classifier = [FiftyOneBrain.Models.ImageClassifier]::Create($header, 0)
        $classifier.Save($path)
        $classifier.Dispose()
        @{ Name = "width $w (random weights)"; Path = $path; Header = $header }
    }
)

# Debian's interpreter, where python3-torch installs (a python3 earlier on PATH may lack torch)
$python = if (Test-Path -LiteralPath '/usr/bin/python3') { '/usr/bin/python3' } else { (Get-Command python3 -ErrorAction Ignore).Source }
$results = @(
    foreach ($model in $models) {
        $shape = $model.Header.Shape
        $null = $samples[0..($BatchSize - 1)] | Get-FoEmbedding -Model $model.Path -BatchSize $BatchSize   # warm-up: kernels, threads
        $time = Measure-Command { $out = @($samples | Get-FoEmbedding -Model $model.Path -BatchSize $BatchSize) }
        $rate = $out.Count / $time.TotalSeconds
        $limit = [FiftyOneBrain.Models.ComputeLimit]::ImagesPerSecond($gflops, $shape.MultiplyAdds, $false)
        $reference = $null
        if ($python) {
            $line = & $python (Join-Path $PSScriptRoot 'torch_reference.py') $shape.Width $BatchSize ([Math]::Min($Images, 3000)) 2>$null
            if ($LASTEXITCODE -eq 0 -and $line) { $reference = "$line" }
        }
        Write-Information ('Get-FoEmbedding {0}: {1:N1} M multiply-adds/image, {2} images in {3:N1} s = {4:N0} images/s; FLOP limit {5:N0} images/s; ratio {6:P0}' -f
            $model.Name, ($shape.MultiplyAdds / 1e6), $out.Count, $time.TotalSeconds, $rate, $limit, ($rate / $limit))
        if ($reference) {
            $parts = $reference -split ' '
            Write-Information ('    PyTorch {0} (Debian, {1} thread(s)), same network and batch, forward only: {2} images/s' -f $parts[2], $parts[1], $parts[0])
        }
        else {
            Write-Information '    PyTorch reference: python3-torch not installed (build.sh Bench installs it)'
        }
        [ordered]@{ kind = 'embedding'; model = $model.Name; width = $shape.Width; multiplyAdds = $shape.MultiplyAdds;
            images = $out.Count; imagesPerSecond = $rate; limitImagesPerSecond = $limit; ratio = $rate / $limit; pytorch = "$reference" }
    }

    if ($TrainImages -gt 0) {
        $train = @(Import-FoDataset -Path $DataDirectory -Format FashionMNIST -Split train -MaxSamples $TrainImages)
        foreach ($w in $TrainWidths) {
            $shape = [FiftyOneBrain.Models.SimpleResNetShape]::new($w, 10)
            $m = $train | New-FoModel -LabelField ground_truth -Path (Join-Path $work "train$w.fomodel") -Width $w -Epochs 1 -Seed 1
            $seconds = $m.TrainingTime.TotalSeconds
            $rate = $m.TrainingSamples / $seconds
            $limit = [FiftyOneBrain.Models.ComputeLimit]::ImagesPerSecond($gflops, $shape.MultiplyAdds, $true)
            Write-Information ('Training epoch width {0}: {1} images in {2:N1} s = {3:N0} images/s; FLOP limit {4:N0} images/s; ratio {5:P0}' -f
                $w, $m.TrainingSamples, $seconds, $rate, $limit, ($rate / $limit))
            [ordered]@{ kind = 'training-epoch'; width = $w; multiplyAdds = $shape.MultiplyAdds; images = $m.TrainingSamples;
                seconds = $seconds; imagesPerSecond = $rate; limitImagesPerSecond = $limit; ratio = $rate / $limit }
        }
    }
)

$load = if (Test-Path -LiteralPath '/proc/loadavg') { (Get-Content -LiteralPath '/proc/loadavg' -Raw).Trim() } else { '' }
Write-Information "load average during the run: $load"
$resultsFolder = Join-Path $PSScriptRoot '..' 'results'
$null = New-Item -ItemType Directory -Path $resultsFolder -Force
[ordered]@{ gflops = $gflops; decodeImagesPerSecond = $decodeRate; loadAverage = $load; results = $results } |
    ConvertTo-Json -Depth 4 |
    Set-Content -LiteralPath (Join-Path $resultsFolder 'models.json')
Remove-Item -LiteralPath $work -Recurse -Force

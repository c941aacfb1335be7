<#
.SYNOPSIS
    Measure-FoVisualization (UMAP and PCA) against umap-learn 0.5.3 and scikit-learn's PCA on the same embeddings:
    time and trustworthiness at k = 15 side by side.
.DESCRIPTION
    Embeds -Count Fashion-MNIST training images with -Model (default: the shipped SimpleResNet, 128-d) once into
    <WorkDirectory>/embeddings-<Model>-<Count>.npy, runs Measure-FoVisualization on those embeddings
    (-Embeddings, timed from the cmdlet's start to its last point, exact kNN included), writes its points, then
    runs umap_learn_reference.py, which times umap.UMAP(random_state=Seed).fit_transform (a small warm-up fit first,
    so numba's compilation is not counted) and scikit-learn's PCA, and computes
    sklearn.manifold.trustworthiness(k = 15) of every map (row-chunked at large N, checked equal to scikit-learn's
    own function on the first 2,000 samples).
.EXAMPLE
    ./bench/Visualization/Measure-Visualization.ps1 -Count 5000
#>
[CmdletBinding()]
param(
    [ValidateRange(100, 70000)] [int] $Count = 20000,
    [int] $Seed = 42,
    # Get-FoEmbedding's -Model: 'default' (SimpleResNet, 128-d) or e.g. resnet18-imagenet (512-d, much slower to embed).
    [string] $Model = 'default',
    [string] $WorkDirectory = (Join-Path ([IO.Path]::GetTempPath()) 'fo-visualization-bench'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/FiftyOneBrain/FiftyOneBrain.psd1'),
    [string] $Python = '/usr/bin/python3'
)
$ErrorActionPreference = 'Stop'
if (-not $PSBoundParameters.ContainsKey('InformationAction')) { $InformationPreference = 'Continue' }
Import-Module $ModulePath -Force
$null = New-Item -ItemType Directory -Force $WorkDirectory

function Write-Float32Npy([string] $Path, [float[]] $Data, [int] $Rows, [int] $Columns) {
    $header = "{'descr': '<f4', 'fortran_order': False, 'shape': ($Rows, $Columns), }"
    $header = $header.PadRight($header.Length + (64 - (11 + $header.Length) % 64) % 64) + "`n"
    $bytes = [byte[]]::new(10 + $header.Length + 4 * $Data.Length)
    [byte[]](0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0) | ForEach-Object -Begin { $i = 0 } -Process { $bytes[$i++] = $_ }
    [BitConverter]::GetBytes([uint16]$header.Length).CopyTo($bytes, 8)
    [Text.Encoding]::ASCII.GetBytes($header).CopyTo($bytes, 10)
    [Buffer]::BlockCopy($Data, 0, $bytes, 10 + $header.Length, 4 * $Data.Length)
    [IO.File]::WriteAllBytes($Path, $bytes)
}

function Write-Points([string] $Path, [object[]] $Samples, [string] $Field, [int] $Dimensions) {
    $data = [float[]]::new($Samples.Count * $Dimensions)
    for ($i = 0; $i -lt $Samples.Count; $i++) {
        $point = $Samples[$i].$Field
        for ($t = 0; $t -lt $Dimensions; $t++) { $data[$i * $Dimensions + $t] = $point[$t] }
    }
    Write-Float32Npy $Path $data $Samples.Count $Dimensions
}

$embeddings = Join-Path $WorkDirectory "embeddings-$Model-$Count.npy"
$labels = Join-Path $WorkDirectory "labels-$Model-$Count.txt"
if (-not (Test-Path $embeddings)) {
    Write-Information "Embedding $Count Fashion-MNIST training images with $Model ..."
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $embedded = @(Import-FoDataset /usr/share/datasets/fashion-mnist -Format FashionMNIST -Split train -MaxSamples $Count |
        Get-FoEmbedding -Model $Model)
    $width = $embedded[0].embedding.Count
    $data = [float[]]::new($embedded.Count * $width)
    for ($i = 0; $i -lt $embedded.Count; $i++) { ([float[]]$embedded[$i].embedding).CopyTo($data, $i * $width) }
    Write-Float32Npy $embeddings $data $embedded.Count $width
    $embedded.ForEach({ $_.ground_truth.label }) | Set-Content $labels
    Write-Information ("  {0} x {1} in {2:N1} s" -f $embedded.Count, $width, $watch.Elapsed.TotalSeconds)
}

$samples = 0..($Count - 1) | ForEach-Object { New-FoSample "/bench/$_.png" }
$ours = [ordered]@{}
foreach ($method in 'UMAP', 'PCA') {
    [GC]::Collect()
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $placed = @($samples | Measure-FoVisualization -Method $method -Embeddings $embeddings -Seed $Seed -Field map)
    $seconds = $watch.Elapsed.TotalSeconds
    $points = Join-Path $WorkDirectory "ours-$method-$Count.npy"
    Write-Points $points $placed 'map' 2
    $ours[$method] = @{ seconds = $seconds; points = $points }
    Write-Information ("Measure-FoVisualization -Method {0}: {1:N1} s" -f $method, $seconds)
}

$arguments = @((Join-Path $PSScriptRoot 'umap_learn_reference.py'), $embeddings, '--seed', $Seed,
    '--ours-umap', $ours.UMAP.points, '--ours-umap-seconds', $ours.UMAP.seconds,
    '--ours-pca', $ours.PCA.points, '--ours-pca-seconds', $ours.PCA.seconds)
& $Python @arguments
if ($LASTEXITCODE -ne 0) { throw "umap_learn_reference.py failed ($LASTEXITCODE)." }

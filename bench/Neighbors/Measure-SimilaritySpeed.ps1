<#
.SYNOPSIS
    Times one Find-FoSimilar query (SimilaritySearch.Rank: centring, one matrix-vector pass, the K nearest by heap)
    on N x D random float32 embeddings, 1,000,000 x 512 by default (2 GB of embeddings), and the same query in
    NumPy (numpy_similarity.py, Debian's python3-numpy) in the same run unless -NoBaseline.
.EXAMPLE
    dotnet tool run pwsh -NoProfile -File bench/Neighbors/Measure-SimilaritySpeed.ps1 -Count 1000000 -Dimension 512
#>
[CmdletBinding()]
param(
    [ValidateRange(2, 4000000)] [int] $Count = 1000000,
    [ValidateRange(1, 4096)] [int] $Dimension = 512,
    [ValidateRange(1, 100000)] [int] $K = 100,
    [ValidateRange(1, 100)] [int] $Repeat = 3,
    [switch] $NoBaseline
)
$ErrorActionPreference = 'Stop'
$core = Join-Path $PSScriptRoot '..' '..' 'out' 'FiftyOneBrain' 'FiftyOneBrain.Core.dll'
if (-not (Test-Path $core)) { throw "Build first (build.ps1 -Task Build): $core is missing." }
Add-Type -Path $core

# Random fill in C#: a PowerShell loop over 512M values would take far longer than the search.
Add-Type -TypeDefinition @'
public static class SimilarityBenchData
{
    public static float[] Random(long count, int seed)
    {
        var data = new float[count];
        var rng = new System.Random(seed);
        for (long i = 0; i < count; i++) data[i] = (float)rng.NextDouble();
        return data;
    }
}
'@

Write-Host "Filling $Count x $Dimension float32 embeddings..."
$data = [SimilarityBenchData]::Random([long]$Count * $Dimension, 1)
$query = [float[]]::new($Dimension)
[Array]::Copy($data, [long]12345 % $Count * $Dimension, $query, 0, $Dimension)
$queries = [System.Collections.Generic.List[float[]]]::new()
$queries.Add($query)

$times = foreach ($run in 1..$Repeat) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $result = [FiftyOneBrain.Brain.SimilaritySearch]::Rank($data, $Count, $Dimension, $queries, 'Cosine', $K, $false, 'MeanDistance', $null, [Threading.CancellationToken]::None)
    $watch.Elapsed.TotalSeconds
    if ($result.Order[0] -ne (12345 % $Count) -or $result.Distances[0] -ne 0) { throw 'The query''s own row was not the nearest at distance 0.' }
}
$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1GB
$data = $null
[GC]::Collect()  # free the 2 GB before NumPy makes its own copy
$numpy = if (-not $NoBaseline) {
    $json = & /usr/bin/python3 (Join-Path $PSScriptRoot 'numpy_similarity.py') $Count $Dimension $K $Repeat
    if ($LASTEXITCODE -ne 0) { throw 'numpy_similarity.py failed' }
    $json | ConvertFrom-Json
}
[pscustomobject]@{
    Samples = $Count; Dimension = $Dimension; K = $K; Cores = [Environment]::ProcessorCount
    BestSeconds = [Math]::Round(($times | Measure-Object -Minimum).Minimum, 3)
    MedianSeconds = [Math]::Round(($times | Sort-Object)[[int][Math]::Floor($times.Count / 2)], 3)
    PeakWorkingSetGB = [Math]::Round($peak, 2)
    NumpyBestSeconds = if ($numpy) { [Math]::Round($numpy.best, 3) } else { $null }
    SpeedupOverNumpy = if ($numpy) { [Math]::Round($numpy.best / ($times | Measure-Object -Minimum).Minimum, 2) } else { $null }
}

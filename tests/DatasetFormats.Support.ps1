# Helpers shared by the dataset-format test files (dot-sourced from their BeforeAll).

$script:PhotoDir = '/usr/lib/python3/dist-packages/skimage/data'
# Small real PNGs from Debian's python3-skimage, each a few hundred bytes.
$script:SmallPhotos = 'chessboard_RGB.png', 'chessboard_GRAY.png', 'palette_color.png', 'palette_gray.png', 'green_palette.png', 'checker_bilevel.png', 'block.png', 'phantom.png'

function Copy-TestPhoto {
    <# Copies small real photo number $Index (or the named one) to $Path; returns the file. #>
    param([Parameter(Mandatory)] [string] $Path, [int] $Index = 0, [string] $Name)
    if (-not $Name) { $Name = $script:SmallPhotos[$Index % $script:SmallPhotos.Count] }
    $null = New-Item -ItemType Directory -Path (Split-Path $Path -Parent) -Force
    Copy-Item (Join-Path $script:PhotoDir $Name) $Path -Force
    Get-Item $Path
}

function Write-TestFile {
    <#
    Writes one file of a test dataset. $Content: 'photo:<n>' a small photo, 'truncated:<n>' its first half,
    'empty' zero bytes, [byte[]] raw bytes, anything else as UTF-8 text.
    #>
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] $Content)
    $null = New-Item -ItemType Directory -Path (Split-Path $Path -Parent) -Force
    if ($Content -is [byte[]]) { [IO.File]::WriteAllBytes($Path, $Content); return }
    switch -Regex ($Content) {
        '^photo:(\d+)$' { $null = Copy-TestPhoto $Path -Index $Matches[1]; return }
        '^truncated:(\d+)$' {
            $bytes = [IO.File]::ReadAllBytes((Join-Path $script:PhotoDir $script:SmallPhotos[[int]$Matches[1]]))
            [IO.File]::WriteAllBytes($Path, $bytes[0..([int]($bytes.Length / 2))])
            return
        }
        '^empty$' { $null = New-Item -ItemType File -Path $Path -Force; return }
        default { Set-Content -Path $Path -Value $Content -NoNewline }
    }
}

function Write-TestIdx {
    <# An IDX file of unsigned bytes with the given dimensions, gzipped as MNIST ships it. #>
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [byte[]] $Data, [Parameter(Mandatory)] [int[]] $Dimensions)
    $header = [Collections.Generic.List[byte]]::new([byte[]](0, 0, 8, $Dimensions.Count))
    foreach ($d in $Dimensions) { $header.AddRange([byte[]]((($d -shr 24) -band 255), (($d -shr 16) -band 255), (($d -shr 8) -band 255), ($d -band 255))) }
    $file = [IO.File]::Create($Path)
    $gzip = [IO.Compression.GZipStream]::new($file, [IO.Compression.CompressionLevel]::Fastest)
    try {
        $gzip.Write($header.ToArray(), 0, $header.Count)
        $gzip.Write($Data, 0, $Data.Length)
    }
    finally { $gzip.Dispose(); $file.Dispose() }
}

function Get-CifarBatch {
    <# CIFAR-10 binary records: one label byte, then 3072 pixel bytes (all set to 20 * record number). #>
    param([Parameter(Mandatory)] [byte[]] $Labels)
    $bytes = [Collections.Generic.List[byte]]::new()
    for ($i = 0; $i -lt $Labels.Count; $i++) {
        $bytes.Add($Labels[$i])
        $bytes.AddRange([byte[]](@([byte](20 * $i)) * 3072))
    }
    , $bytes.ToArray()
}

function Get-TreeSnapshot {
    <# Every file under $Path as "relative/path sha256", to prove a run changed and lost nothing. #>
    param([Parameter(Mandatory)] [string] $Path)
    Get-ChildItem $Path -Recurse -File -Force | ForEach-Object {
        '{0} {1}' -f [IO.Path]::GetRelativePath($Path, $_.FullName).Replace('\', '/'), (Get-FileHash $_.FullName -Algorithm SHA256).Hash
    } | Sort-Object
}

function Get-RelativeTestPath([string] $Root, [string] $Path) {
    [IO.Path]::GetRelativePath($Root, $Path).Replace('\', '/')
}

function Format-SampleSummary {
    <# "leaf=label" for a classification, "leaf=N objects" for detections, "leaf" when unlabeled. #>
    param([Parameter(ValueFromPipeline)] $Sample, [string] $LabelField = 'ground_truth')
    process {
        $leaf = Split-Path $Sample.Filepath -Leaf
        $label = $Sample.$LabelField
        if ($null -eq $label) { $leaf }
        elseif ($null -ne $label.Detections) { '{0}={1} objects' -f $leaf, @($label.Detections).Count }
        else { '{0}={1}' -f $leaf, $label.Label }
    }
}

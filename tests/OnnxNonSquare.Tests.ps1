[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    $ErrorActionPreference = 'Stop'
    # A torchvision ResNet18 exported at 160x224 (height x width) by Debian's python3-torch; 224x160 photos and PyTorch's logits on them.
    $exported = Join-Path $TestDrive 'nonsquare'
    $output = & /usr/bin/python3 (Join-Path $PSScriptRoot 'OnnxModels.Support.py') nonsquare $exported 2>&1
    if ($LASTEXITCODE -ne 0) { throw "OnnxModels.Support.py nonsquare failed: $output" }
    $reference = Get-Content (Join-Path $exported 'reference.json') -Raw | ConvertFrom-Json
    $classes = 'a', 'b', 'c', 'd', 'e'
}

Describe 'ONNX models whose input is not square' {
    It 'gives PyTorch''s logits with a <Batch> batch dimension' -ForEach @(
        @{ Batch = 'dynamic'; File = 'dynamic.onnx' }
        @{ Batch = 'fixed'; File = 'fixed.onnx' }
    ) {
        $samples = Import-FoDataset (Join-Path $exported 'images') -Format ImageDirectory |
            Invoke-FoModel -Model (Join-Path $exported $File) -Classes $classes -StoreLogits -BatchSize 3

        $samples | Should -HaveCount 4
        [double] $max = 0
        foreach ($s in $samples) {
            $expected = $reference.logits.(Split-Path $s.Filepath -Leaf)
            for ($i = 0; $i -lt 5; $i++) { $max = [Math]::Max($max, [Math]::Abs($s.predictions.Logits[$i] - $expected[$i])) }
        }
        Write-Host "Largest logit difference to PyTorch, 160x224 input ($Batch batch): $max"
        $max | Should -BeLessOrEqual 1e-4
    }

    It 'resizes photos of any shape to the rectangle, whole or centre-cropped' {
        $photos = Get-ChildItem /usr/lib/python3/dist-packages/skimage/data -Filter *.png | Select-Object -First 3 | ForEach-Object { New-FoSample $_.FullName }
        $whole = $photos | Get-FoEmbedding -Model (Join-Path $exported 'dynamic.onnx') -EmbeddingField whole
        $crop = $photos | Get-FoEmbedding -Model (Join-Path $exported 'dynamic.onnx') -EmbeddingField crop -Preprocessing @{ Resize = 'center-crop' }

        $whole | ForEach-Object { $_.whole | Should -HaveCount 5 }
        $crop | ForEach-Object { $_.crop | Should -HaveCount 5 }
        ($whole[0].whole -join ',') | Should -Not -Be ($crop[0].crop -join ',')
    }

    It 'says the input''s height and width in Get-FoModel' {
        $info = Get-FoModel (Join-Path $exported 'fixed.onnx')

        $info.InputSize | Should -Be 160
        $info.InputWidth | Should -Be 224
        $info.Description | Should -BeLike '*160x224*'
    }

    It 'stops with ModelInputUnsupported when -Preprocessing asks for a square' {
        { Import-FoDataset (Join-Path $exported 'images') -Format ImageDirectory |
                Invoke-FoModel -Model (Join-Path $exported 'fixed.onnx') -Classes $classes -Preprocessing @{ Size = 224 } } |
            Should -Throw -ErrorId 'ModelInputUnsupported,*'
    }
}

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'BeforeAll and BeforeEach variables are read by the tests')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
    # An error no test expects fails that test; the tests that expect errors capture them with -ErrorVariable.
    $ErrorActionPreference = 'Stop'
    # Debian's python3-torch and python3-torchvision (build.sh installs them); torch.onnx.export needs no onnx package.
    $python = '/usr/bin/python3'
    $support = Join-Path $PSScriptRoot 'OnnxModels.Support.py'
    $classes = 'a', 'b', 'c', 'd', 'e'

    function Invoke-Support([string[]] $Arguments) {
        $output = & $python $support @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "OnnxModels.Support.py $Arguments failed: $output" }
    }

    $exported = Join-Path $TestDrive 'exported'
    Invoke-Support classifier, $exported
    $reference = Get-Content (Join-Path $exported 'reference.json') -Raw | ConvertFrom-Json

    # Largest |logit - PyTorch's logit| over the samples (by file name) and classes.
    function Get-MaxLogitDifference($Samples) {
        [double] $max = 0
        foreach ($s in $Samples) {
            $expected = $reference.logits.(Split-Path $s.Filepath -Leaf)
            $s.predictions.Logits | Should -HaveCount $expected.Count
            for ($i = 0; $i -lt $expected.Count; $i++) {
                $max = [Math]::Max($max, [Math]::Abs([double]$s.predictions.Logits[$i] - [double]$expected[$i]))
            }
        }
        $max
    }

    function Get-TestImage {
        Import-FoDataset (Join-Path $exported 'images') -Format ImageDirectory
    }
}

Describe 'ONNX models' {
    Context 'a torchvision ResNet18 exported to ONNX gives PyTorch''s logits' {
        It 'with a <Batch> batch dimension' -ForEach @(
            @{ Batch = 'dynamic'; File = 'dynamic.onnx'; Expected = 'batch dynamic' }
            @{ Batch = 'fixed'; File = 'fixed.onnx'; Expected = 'batch 1' }
        ) {
            $out = Get-TestImage | Invoke-FoModel -Model (Join-Path $exported $File) -Classes $classes -StoreLogits -BatchSize 3 -Verbose 4>&1
            $samples = $out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $verbose = $out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

            $samples | Should -HaveCount 8
            $difference = Get-MaxLogitDifference $samples
            Write-Host "Largest logit difference to PyTorch ($Batch batch): $difference"
            $difference | Should -BeLessOrEqual 1e-4
            $verbose -join ' ' | Should -BeLike "*$Expected*"
            $samples | ForEach-Object {
                $expected = $reference.logits.(Split-Path $_.Filepath -Leaf)
                $_.predictions.Label | Should -Be $classes[[Array]::IndexOf($expected, ($expected | Measure-Object -Maximum).Maximum)]
            }
        }

        It 'with NHWC input and BGR channels named by the model''s .onnx.json sidecar (classes too)' {
            $samples = Get-TestImage | Invoke-FoModel -Model (Join-Path $exported 'nhwc-bgr.onnx') -StoreLogits

            Get-MaxLogitDifference $samples | Should -BeLessOrEqual 1e-4
        }

        It 'lets -Preprocessing override the sidecar' {
            $samples = Get-TestImage | Invoke-FoModel -Model (Join-Path $exported 'nhwc-bgr.onnx') -StoreLogits -Preprocessing @{ ChannelOrder = 'RGB' }

            Get-MaxLogitDifference $samples | Should -BeGreaterThan 1e-3
        }

        It 'gives the chosen output as the embedding through Get-FoEmbedding' {
            $samples = Get-TestImage | Get-FoEmbedding -Model (Join-Path $exported 'dynamic.onnx') -OutputName logits

            $samples | ForEach-Object {
                $expected = $reference.logits.(Split-Path $_.Filepath -Leaf)
                for ($i = 0; $i -lt 5; $i++) { [Math]::Abs($_.embedding[$i] - $expected[$i]) | Should -BeLessOrEqual 1e-4 }
            }
        }
    }

    Context 'images a model cannot take as they are are converted' {
        It 'classifies a 16-bit grey PNG, a CMYK JPEG and a 1x1 PNG without errors' {
            $samples = Import-FoDataset (Join-Path $exported 'odd') -Format ImageDirectory |
                Invoke-FoModel -Model (Join-Path $exported 'dynamic.onnx') -Classes $classes -StoreLogits -ErrorVariable errors -ErrorAction SilentlyContinue

            $errors | Should -HaveCount 0
            $samples | ForEach-Object { Split-Path $_.Filepath -Leaf } | Should -Be 'cmyk.jpg', 'grey16.png', 'one-pixel.png'
            $samples | ForEach-Object { $_.predictions.Logits | Should -HaveCount 5 }
        }
    }

    Context 'a model that cannot be used stops with one terminating error before any image is read' {
        BeforeEach {
            $dir = (New-Item -ItemType Directory -Path (Join-Path $TestDrive (New-Guid))).FullName
            # Files that do not exist: reading any of them would add an ImageUnreadable error.
            $unread = 1..3 | ForEach-Object { New-FoSample (Join-Path $dir "missing-$_.png") }
        }

        It '<Case> -> <ErrorId>' -ForEach @(
            @{ Case = 'a missing .onnx'; ErrorId = 'ModelNotFound'; Make = { param($d) Join-Path $d 'nothing.onnx' } }
            @{ Case = 'a truncated .onnx'; ErrorId = 'ModelInvalid'; Make = {
                    param($d) $path = Join-Path $d 'truncated.onnx'
                    Copy-Item (Join-Path $exported 'fixed.onnx') $path
                    $file = [System.IO.File]::Open($path, 'Open'); $file.SetLength(1000); $file.Dispose(); $path } }
            @{ Case = 'a text file named .onnx'; ErrorId = 'ModelInvalid'; Make = { param($d) $p = Join-Path $d 'notes.onnx'; Set-Content $p 'not a model'; $p } }
            @{ Case = 'a text file'; ErrorId = 'ModelInvalid'; Make = { param($d) $p = Join-Path $d 'notes.txt'; Set-Content $p 'not a model'; $p } }
            @{ Case = 'a model taking vectors (rank 2)'; ErrorId = 'ModelInputUnsupported'; Message = '*rank 2*'; Make = { Join-Path $exported 'vector.onnx' } }
            @{ Case = 'a model taking token ids'; ErrorId = 'ModelInputUnsupported'; Message = '*no image input*'; Make = { Join-Path $exported 'tokens.onnx' } }
        ) {
            $model = & $Make $dir
            $errors = @()
            $thrown = $null
            try { $unread | Invoke-FoModel -Model $model -Classes $classes -ErrorVariable errors -ErrorAction SilentlyContinue }
            catch { $thrown = $_ }

            $thrown | Should -Not -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            if ($Message) { $thrown.Exception.Message | Should -BeLike $Message }
            $errors | Where-Object { $_.FullyQualifiedErrorId -like 'ImageUnreadable*' } | Should -BeNullOrEmpty
        }

        It 'stops with ModelClassesMismatch when -Classes does not match the output size' {
            { $unread | Invoke-FoModel -Model (Join-Path $exported 'dynamic.onnx') -Classes a, b, c } |
                Should -Throw -ErrorId 'ModelClassesMismatch,*' -ExpectedMessage '*5 values per image, but 3 classes*'
        }

        It 'stops with ModelOutputNotFound for an unknown -OutputName' {
            { $unread | Get-FoEmbedding -Model (Join-Path $exported 'dynamic.onnx') -OutputName features } |
                Should -Throw -ErrorId 'ModelOutputNotFound,*' -ExpectedMessage '*Outputs: logits*'
        }

        It 'stops with ModelClassesRequired when an embedder is asked to classify' {
            { $unread | Invoke-FoModel -Model resnet18-imagenet } | Should -Throw -ErrorId 'ModelClassesRequired,*'
        }

        It 'stops with ModelPreprocessingInvalid for an unknown -Preprocessing key' {
            { $unread | Get-FoEmbedding -Model (Join-Path $exported 'dynamic.onnx') -Preprocessing @{ Colour = 'RGB' } } |
                Should -Throw -ErrorId 'ModelPreprocessingInvalid,*'
        }

        It 'stops with ModelOptionNotApplicable when -Classes is given with a .fomodel' {
            { $unread | Invoke-FoModel -Model default -Classes $classes } | Should -Throw -ErrorId 'ModelOptionNotApplicable,*'
        }
    }
}

Describe 'resnet18-imagenet' {
    It 'gives the embeddings ONNX Runtime gives run directly on the same pixels' {
        $pixels = Join-Path $TestDrive 'pixels'
        Invoke-Support pixels, $pixels
        $files = (Get-FoModel resnet18-imagenet).Files
        $sessions = $files | ForEach-Object { [Microsoft.ML.OnnxRuntime.InferenceSession]::new($_) }
        try {
            $samples = Import-FoDataset $pixels -Format ImageDirectory | Get-FoEmbedding -Model resnet18-imagenet
            $samples | Should -HaveCount 3
            [double] $max = 0
            foreach ($sample in $samples) {
                # The planar RGB bytes python wrote, as the [1,3,224,224] 0..255 tensor the preprocessing graph takes.
                $bytes = [System.IO.File]::ReadAllBytes([System.IO.Path]::ChangeExtension($sample.Filepath, '.rgb'))
                $image = [float[,,,]]::new(1, 3, 224, 224)
                [Buffer]::BlockCopy([float[]]$bytes, 0, $image, 0, 4 * $bytes.Length)
                $tensor = [Microsoft.ML.OnnxRuntime.Tensors.ArrayTensorExtensions]::ToTensor[float]($image)
                foreach ($session in $sessions) {
                    $name = @($session.InputMetadata.Keys)[0]
                    $results = $session.Run([Microsoft.ML.OnnxRuntime.NamedOnnxValue[]]@([Microsoft.ML.OnnxRuntime.NamedOnnxValue]::CreateFromTensor[float]($name, $tensor)))
                    $tensor = $results[0].AsTensor[float]().Clone()
                    $results.Dispose()
                }
                $direct = @($tensor)
                $direct | Should -HaveCount 512
                for ($i = 0; $i -lt 512; $i++) { $max = [Math]::Max($max, [Math]::Abs([double]$sample.embedding[$i] - $direct[$i])) }
            }
            Write-Host "Largest difference to ONNX Runtime run directly: $max"
            $max | Should -BeLessOrEqual 1e-4
        }
        finally { $sessions | ForEach-Object Dispose }
    }

    It 'finds near-duplicates of real photos more often than the Fashion-MNIST model' {
        # One crop per photo, so every other image is another photo (docs/benchmarks.md also reports two crops per photo).
        $photos = Join-Path $TestDrive 'photos'
        Invoke-Support photos, $photos, 200, 1
        $samples = Import-FoDataset $photos -Format ImageDirectory
        $accuracy = @{}
        foreach ($model in 'resnet18-imagenet', 'simple-resnet-fashion-mnist') {
            $embeddings = [ordered]@{}
            $samples | Get-FoEmbedding -Model $model | ForEach-Object { $embeddings[$_.Filepath] = $_.embedding }
            $embeddings.Count | Should -Be $samples.Count
            $json = Join-Path $TestDrive "$model.json"
            $embeddings | ConvertTo-Json -Compress | Set-Content $json
            $accuracy[$model] = (& $python $support nearest $json | ConvertFrom-Json).accuracy
            Write-Host ("Nearest neighbour is the near-duplicate ({0} images): {1} {2:P1}" -f $samples.Count, $model, $accuracy[$model])
        }

        $accuracy['resnet18-imagenet'] | Should -BeGreaterThan $accuracy['simple-resnet-fashion-mnist']
    }

    It 'is what Measure-FoUniqueness embeds with by default' {
        $pixels = Join-Path $TestDrive 'pixels'
        $verbose = Import-FoDataset $pixels -Format ImageDirectory | Measure-FoUniqueness -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

        $verbose -join ' ' | Should -BeLike '*embeddings from model ONNX resnet18-imagenet (512-d embedding*'
    }

    It 'embeds the centre crop of a non-square photo with -Preprocessing @{ Resize = ''center-crop'' }' {
        # chelsea.png is 451x300: the crop keeps the central 263x263 square instead of squashing the whole photo.
        $photo = New-FoSample /usr/lib/python3/dist-packages/skimage/data/chelsea.png
        $whole = ($photo | Get-FoEmbedding -Model resnet18-imagenet -EmbeddingField whole).whole
        $crop = ($photo | Get-FoEmbedding -Model resnet18-imagenet -EmbeddingField crop -Preprocessing @{ Resize = 'center-crop' }).crop

        $crop | Should -HaveCount 512
        [double] $difference = 0
        for ($i = 0; $i -lt 512; $i++) { $difference += [Math]::Abs($crop[$i] - $whole[$i]) }
        $difference | Should -BeGreaterThan 1
    }
}

Describe 'Get-FoModel' {
    It 'lists the named models with kind, input size, embedding size and licence' {
        Get-FoModel | ForEach-Object { '{0} {1} {2} {3} {4} {5}' -f $_.Name, $_.Kind, $_.InputSize, $_.EmbeddingDimension, $_.Classes.Count, $_.Available } |
            Should -Be 'simple-resnet-fashion-mnist classifier 32 128 10 True', 'resnet18-imagenet embedder 224 512 0 True'
        (Get-FoModel resnet18-imagenet).Licence | Should -Be 'MIT'
        (Get-FoModel default).Name | Should -Be 'simple-resnet-fashion-mnist'
    }

    It 'describes an ONNX file: its classes from the sidecar, input size and output size' {
        $info = Get-FoModel (Join-Path $exported 'nhwc-bgr.onnx')

        '{0} {1} {2} {3}' -f $info.Kind, $info.InputSize, $info.EmbeddingDimension, ($info.Classes -join ',') | Should -Be 'classifier 64 5 a,b,c,d,e'
        $info.Description | Should -BeLike '*BGR NHWC, batch 1*'
    }

    It 'stops with ModelInvalid for a file that is not a model' {
        $text = Join-Path $TestDrive 'notes.onnx'
        Set-Content $text 'not a model'
        { Get-FoModel $text } | Should -Throw -ErrorId 'ModelInvalid,*'
    }

    It 'offers the model names to tab completion' {
        $line = 'Measure-FoUniqueness -Model res'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'resnet18-imagenet'
        $line = 'Get-FoModel simple'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'simple-resnet-fashion-mnist'
    }
}

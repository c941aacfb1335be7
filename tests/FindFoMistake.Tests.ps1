BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-StagedModulePath) -Force
}

Describe 'Find-FoMistake' {
    Context 'classification mistakenness' {
        It 'scores a confident wrong prediction high, a missing prediction 1, and filters with Where-Object' {
            $wrong = New-FoSample /data/wrong.png -Fields @{ ground_truth = (New-FoClassification cat); predictions = (New-FoClassification dog -Confidence 0.95) }
            $right = New-FoSample /data/right.png -Fields @{ ground_truth = (New-FoClassification cat); predictions = (New-FoClassification cat -Confidence 0.9) }
            $nopred = New-FoSample /data/nopred.png -Fields @{ ground_truth = (New-FoClassification cat) }

            $flagged = $wrong, $right, $nopred | Find-FoMistake -LabelField ground_truth -PredictionField predictions -ErrorVariable errors |
                Where-Object mistakenness -gt 0.9

            $errors | Should -BeNullOrEmpty
            $flagged | ForEach-Object { '{0} {1:R}' -f $_.Filepath, $_.mistakenness } | Should -Be '/data/wrong.png 0.975', '/data/nopred.png 1'
            [math]::Round($right.mistakenness, 12) | Should -Be 0.05
        }

        It 'reads logits and writes to a custom field' {
            $s = New-FoSample /data/a.png -Fields @{ gt = (New-FoClassification cat); pred = (New-FoClassification dog -Logits 0, 0, 0, 0) }
            ($s | Find-FoMistake -LabelField gt -PredictionField pred -UseLogits -MistakennessField m).m | Should -Be 0.625
        }
    }

    Context 'detections' {
        It 'writes per-object and per-sample fields' {
            $gt = New-FoDetections @(
                (New-FoDetection car 0, 0, 0.5, 0.5),
                (New-FoDetection dog 0, 0.75, 0.25, 0.25))
            $pred = New-FoDetections @(
                (New-FoDetection cat 0, 0, 0.5, 0.25 -Confidence 0.9),
                (New-FoDetection truck 0.75, 0, 0.25, 0.25 -Confidence 0.97))
            $s = New-FoSample /data/d.png -Fields @{ ground_truth = $gt; predictions = $pred }

            $out = $s | Find-FoMistake -LabelField ground_truth -PredictionField predictions -CopyMissing

            # car vs cat 0.9 at IoU 0.5: (0.9 + 1)/2 = 0.95; loc i = 1: (0.9 + 1)/2 = 0.95
            '{0:R} {1} {2}' -f $out.mistakenness, $out.possible_missing, $out.possible_spurious | Should -Be '0.95 1 1'
            '{0:R} {1:R}' -f $out.ground_truth.Detections[0].mistakenness, $out.ground_truth.Detections[0].mistakenness_loc | Should -Be '0.95 0.95'
            $out.ground_truth.Detections[1].possible_spurious | Should -BeTrue
            $out.predictions.Detections[1].possible_missing | Should -BeTrue
            ($out.ground_truth.Detections | ForEach-Object Label) -join ',' | Should -Be 'car,dog,truck'
        }
    }

    Context 'confident learning' {
        It 'flags the label issue and reports the sample without ground truth' {
            $rows = @(@(0.9, 0.1, 'cat'), @(0.8, 0.2, 'cat'), @(0.3, 0.7, 'cat'), @(0.2, 0.8, 'dog'), @(0.1, 0.9, 'dog'), @(0.6, 0.4, 'dog'))
            $samples = foreach ($r in $rows) {
                $label = if ($r[0] -gt $r[1]) { 'cat' } else { 'dog' }
                New-FoSample "/data/$($r[2])$($r[0]).png" -Fields @{
                    ground_truth = (New-FoClassification $r[2])
                    predictions  = (New-FoClassification $label -Logits ([math]::Log($r[0])), ([math]::Log($r[1]))) }
            }
            $samples += New-FoSample /data/unlabelled.png -Fields @{ predictions = (New-FoClassification cat -Logits 1, 0) }

            $out = $samples | Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning -ErrorVariable errors -ErrorAction SilentlyContinue

            $out.Count | Should -Be 6
            ($out | Where-Object label_issue | ForEach-Object Filepath) -join ',' | Should -Be '/data/cat0.3.png'
            '{0:R}' -f [math]::Round(($out | Where-Object label_issue).mistakenness, 12) | Should -Be '0.7'
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'MissingGroundTruth,*'
        }

        It 'checks the logit length against the classes' {
            $a = New-FoSample /data/a.png -Fields @{ ground_truth = (New-FoClassification cat); predictions = (New-FoClassification cat -Logits 1, 0, 0) }
            $b = New-FoSample /data/b.png -Fields @{ ground_truth = (New-FoClassification dog); predictions = (New-FoClassification dog -Logits 0, 1) }
            $c = New-FoSample /data/c.png -Fields @{ ground_truth = (New-FoClassification dog); predictions = (New-FoClassification dog -Logits 0, 1, 0) }

            $out = $a, $b, $c | Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning -Classes cat, dog, bird -RankBy NormalizedMargin -ErrorVariable errors -ErrorAction SilentlyContinue

            $out.Count | Should -Be 2
            $b.PSObject.BaseObject.HasField('mistakenness') | Should -BeFalse
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'LogitsLengthMismatch,*'
            $errors[0].Exception.Message | Should -BeLike '*2 logits but there are 3 classes*'
        }
    }

    Context 'parameters' {
        It 'stops the run when the IoU threshold is outside 0..1' {
            { New-FoSample /data/a.png | Find-FoMistake -LabelField g -PredictionField p -IouThreshold 1 } |
                Should -Throw -ErrorId 'InvalidThreshold,FiftyOneBrain.PowerShell.Commands.FindFoMistakeCommand'
        }
    }
}

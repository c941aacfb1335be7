namespace FiftyOneBrain.ModuleTests;

public sealed class FindFoMistakeTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    [Fact]
    public void Classification_mistakes_filter_with_where_object()
    {
        var output = session.RunClean("""
            $wrong = New-FoSample /data/wrong.png -Fields @{ ground_truth = (New-FoClassification cat); predictions = (New-FoClassification dog -Confidence 0.95) }
            $right = New-FoSample /data/right.png -Fields @{ ground_truth = (New-FoClassification cat); predictions = (New-FoClassification cat -Confidence 0.9) }
            $nopred = New-FoSample /data/nopred.png -Fields @{ ground_truth = (New-FoClassification cat) }
            $wrong, $right, $nopred | Find-FoMistake -LabelField ground_truth -PredictionField predictions |
                Where-Object mistakenness -gt 0.9 | ForEach-Object { '{0} {1:R}' -f $_.Filepath, $_.mistakenness }
            [math]::Round($right.mistakenness, 12)
            """);
        Assert.Equal(new object[] { "/data/wrong.png 0.975", "/data/nopred.png 1", 0.05 }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Use_logits_and_custom_field_names()
    {
        var output = session.RunClean("""
            $s = New-FoSample /data/a.png -Fields @{ gt = (New-FoClassification cat); pred = (New-FoClassification dog -Logits 0, 0, 0, 0) }
            ($s | Find-FoMistake -LabelField gt -PredictionField pred -UseLogits -MistakennessField m).m
            """);
        Assert.Equal(0.625, Assert.Single(output).BaseObject);
    }

    [Fact]
    public void Detections_get_per_object_and_sample_fields()
    {
        var output = session.RunClean("""
            $gt = New-FoDetections @(
                (New-FoDetection car 0, 0, 0.5, 0.5),
                (New-FoDetection dog 0, 0.75, 0.25, 0.25))
            $pred = New-FoDetections @(
                (New-FoDetection cat 0, 0, 0.5, 0.25 -Confidence 0.9),
                (New-FoDetection truck 0.75, 0, 0.25, 0.25 -Confidence 0.97))
            $s = New-FoSample /data/d.png -Fields @{ ground_truth = $gt; predictions = $pred }
            $out = $s | Find-FoMistake -LabelField ground_truth -PredictionField predictions -CopyMissing
            '{0:R} {1} {2}' -f $out.mistakenness, $out.possible_missing, $out.possible_spurious
            '{0:R} {1:R}' -f $out.ground_truth.Detections[0].mistakenness, $out.ground_truth.Detections[0].mistakenness_loc
            $out.ground_truth.Detections[1].possible_spurious
            $out.predictions.Detections[1].possible_missing
            ($out.ground_truth.Detections | ForEach-Object Label) -join ','
            """);
        // car vs cat 0.9 at IoU 0.5: (0.9 + 1)/2 = 0.95; loc i = 1: (0.9 + 1)/2 = 0.95
        Assert.Equal(new object[] { "0.95 1 1", "0.95 0.95", true, true, "car,dog,truck" }, output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Confident_learning_flags_the_label_issue_and_reports_unusable_samples()
    {
        var result = session.Run("""
            $rows = @(@(0.9, 0.1, 'cat'), @(0.8, 0.2, 'cat'), @(0.3, 0.7, 'cat'), @(0.2, 0.8, 'dog'), @(0.1, 0.9, 'dog'), @(0.6, 0.4, 'dog'))
            $samples = foreach ($r in $rows) {
                $label = if ($r[0] -gt $r[1]) { 'cat' } else { 'dog' }
                New-FoSample "/data/$($r[2])$($r[0]).png" -Fields @{
                    ground_truth = (New-FoClassification $r[2])
                    predictions = (New-FoClassification $label -Logits ([math]::Log($r[0])), ([math]::Log($r[1]))) }
            }
            $samples += New-FoSample /data/unlabelled.png -Fields @{ predictions = (New-FoClassification cat -Logits 1, 0) }
            $out = $samples | Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning
            $out.Count
            ($out | Where-Object label_issue | ForEach-Object Filepath) -join ','
            '{0:R}' -f [math]::Round(($out | Where-Object label_issue).mistakenness, 12)
            """);
        Assert.Equal(new object[] { 6, "/data/cat0.3.png", "0.7" }, result.Output.Select(o => o.BaseObject).ToArray());
        Assert.Equal("MissingGroundTruth", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void Confident_learning_checks_logit_length_against_the_classes()
    {
        var result = session.Run("""
            $a = New-FoSample /data/a.png -Fields @{ ground_truth = (New-FoClassification cat); predictions = (New-FoClassification cat -Logits 1, 0, 0) }
            $b = New-FoSample /data/b.png -Fields @{ ground_truth = (New-FoClassification dog); predictions = (New-FoClassification dog -Logits 0, 1) }
            $c = New-FoSample /data/c.png -Fields @{ ground_truth = (New-FoClassification dog); predictions = (New-FoClassification dog -Logits 0, 1, 0) }
            ($a, $b, $c | Find-FoMistake -LabelField ground_truth -PredictionField predictions -Method ConfidentLearning -Classes cat, dog, bird -RankBy NormalizedMargin).Count
            $b.PSObject.BaseObject.HasField('mistakenness')
            """);
        Assert.Equal(new object[] { 2, false }, result.Output.Select(o => o.BaseObject).ToArray());
        var error = Assert.Single(result.Errors);
        Assert.Equal("LogitsLengthMismatch", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("2 logits but there are 3 classes", error.Exception.Message);
    }

    [Fact]
    public void An_iou_threshold_outside_zero_to_one_stops_the_run()
    {
        var result = session.Run("New-FoSample /data/a.png | Find-FoMistake -LabelField g -PredictionField p -IouThreshold 1");
        Assert.Empty(result.Output);
        Assert.Equal("InvalidThreshold,FiftyOneBrain.PowerShell.Commands.FindFoMistakeCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }
}

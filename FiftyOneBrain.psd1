@{
    RootModule           = 'FiftyOneBrain.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0b1e7a-3c2d-4e8f-9a61-0b7e2c4d8f15'
    Author               = 'FiftyOneBrain contributors'
    CompanyName          = 'FiftyOneBrain'
    Copyright            = '(c) FiftyOneBrain contributors. Apache-2.0.'
    Description          = 'The FiftyOne Brain for PowerShell: find label mistakes (mistakenness, confident learning), unique images (embedding kNN) and hard samples (prediction entropy) in image datasets, with samples on the pipeline.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    # Loaded before TypesToProcess, which names the property adapter and the sample types.
    RequiredAssemblies   = @('FiftyOneBrain.Core.dll', 'FiftyOneBrain.dll')
    FormatsToProcess     = @('FiftyOneBrain.format.ps1xml')
    TypesToProcess       = @('FiftyOneBrain.types.ps1xml')
    CmdletsToExport      = @(
        'New-FoSample', 'New-FoClassification', 'New-FoDetection', 'New-FoDetections',
        'Import-FoDataset', 'Export-FoDataset',
        'Measure-FoHardness', 'Find-FoMistake', 'Measure-FoUniqueness', 'Find-FoSimilar',
        'Measure-FoVisualization',
        'Get-FoEmbedding', 'Get-FoModel', 'New-FoModel', 'Invoke-FoModel', 'Invoke-FoCrossValidation',
        'Add-FoLabelNoise', 'Repair-FoLabel', 'Measure-FoRanking', 'Show-FoDataset', 'Test-FoDataset',
        'Measure-FoImageQuality', 'Measure-FoRepresentativeness',
        'Find-FoDuplicate', 'Find-FoLeak'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('FiftyOne', 'MachineLearning', 'ComputerVision', 'DataQuality', 'Dataset', 'Linux', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/fiftyonebrain/FiftyOneBrain'
            LicenseUri   = 'https://github.com/fiftyonebrain/FiftyOneBrain/blob/main/LICENSE'
            ReleaseNotes = 'First release: dataset import/export, hardness, mistakenness, uniqueness, confident learning, SimpleResNet models.'
        }
    }
}

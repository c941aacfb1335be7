@{
    RootModule           = 'FiftyOneBrain.Training.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'c3a9d6e2-7b41-4f0e-8d25-6e1f9b0a4c73'
    Author               = 'FiftyOneBrain contributors'
    CompanyName          = 'FiftyOneBrain'
    Copyright            = '(c) FiftyOneBrain contributors. Apache-2.0.'
    Description          = 'Training for the FiftyOneBrain module: New-FoModel trains a SimpleResNet .fomodel and Invoke-FoCrossValidation gives out-of-sample predictions, on TorchSharp and libtorch (linux-x64).'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    # Its cmdlets derive from the core module's base classes and replace the core's New-FoModel and
    # Invoke-FoCrossValidation placeholders once imported.
    RequiredModules      = @(@{ ModuleName = 'FiftyOneBrain'; ModuleVersion = '0.1.0'; GUID = '5f0b1e7a-3c2d-4e8f-9a61-0b7e2c4d8f15' })
    RequiredAssemblies   = @('FiftyOneBrain.Training.Core.dll', 'FiftyOneBrain.Training.dll')
    CmdletsToExport      = @('New-FoModel', 'Invoke-FoCrossValidation')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('FiftyOne', 'MachineLearning', 'ComputerVision', 'TorchSharp', 'Linux', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/fiftyonebrain/FiftyOneBrain'
            LicenseUri   = 'https://github.com/fiftyonebrain/FiftyOneBrain/blob/main/LICENSE'
            ReleaseNotes = 'First release: New-FoModel and Invoke-FoCrossValidation, split from FiftyOneBrain; libtorch for linux-x64.'
        }
    }
}

#!/usr/bin/env bash
# Fresh-machine entry point (Debian 12 + .NET SDK): installs the Debian packages the task needs,
# restores the repo's pinned pwsh (.config/dotnet-tools.json) and runs build.ps1 -Task <task> in it.
#   ./build.sh Walkthrough     the label-mistake walkthrough on Fashion-MNIST
#   ./build.sh Test            every xunit and Pester test; ends with "N passed, N failed"
set -euo pipefail
cd "$(dirname "$0")"
task=${1:-Build}
shift || true

packages=(patchelf dataset-fashion-mnist)
case "$task" in
  Test)  packages+=(afl++ chromium chromium-driver python3-skimage python3-pil python3-sklearn python3-torch python3-torchvision plasma-workspace-wallpapers mate-backgrounds) ;;
  Fuzz)  packages+=(afl++) ;;
  Bench) packages+=(python3-sklearn umap-learn libopenblas0-pthread python3-torch python3-torchvision python3-pil python3-skimage plasma-workspace-wallpapers mate-backgrounds) ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  echo "Installing from Debian: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off
dotnet tool restore >/dev/null
exec dotnet tool run pwsh -NoLogo -NoProfile -File build.ps1 -Task "$task" "$@"

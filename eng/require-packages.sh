#!/usr/bin/env bash
# Checks the Debian packages the build needs and installs the missing ones when
# running as root; otherwise prints the apt-get line to run and exits 1.
# Usage: eng/require-packages.sh [extra-package ...]
set -euo pipefail

packages=(cmake g++ make pkg-config libpolyclipping-dev "$@")
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK (dotnet) is not on PATH; install it first (https://learn.microsoft.com/dotnet/core/install/linux-debian)." >&2
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing missing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "error: missing Debian packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

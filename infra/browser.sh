#!/usr/bin/env bash
# The browser the console's tests drive: Debian's chromium (headless) and the CJK fonts Hangul needs.
# Installed from the distribution's packages when missing (needs root); nothing is downloaded at test time.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if (( ${#missing[@]} == 0 )); then
  echo "[browser] $(chromium --version 2>/dev/null || echo chromium) and fonts-noto-cjk present"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "[browser] missing: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "[browser] installing ${missing[*]} (apt-get)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "[browser] $(chromium --version)"

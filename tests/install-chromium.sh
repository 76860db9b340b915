#!/usr/bin/env bash
# The browser tests of `wijzer serve` drive Debian's chromium (Playwright's own browser download is not
# used). Install it when it is missing; as root directly, otherwise through sudo.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq chromium >/dev/null

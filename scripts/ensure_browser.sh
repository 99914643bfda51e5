#!/bin/bash
# Browser tests (Odoo tours) need Chromium; PDF reports need wkhtmltopdf and CJK fonts.
# Without Chromium Odoo skips tours silently, so the test command refuses to run without it.
# (grep -q would close the pipe early, which `set -o pipefail` reports as a failure.)
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
fc-list 2>/dev/null | grep -i "Noto Sans CJK\|Noto Serif CJK" >/dev/null || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} (browser tests and Chinese PDF reports)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    exit 0
fi
echo "Missing: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) and run again." >&2
exit 1

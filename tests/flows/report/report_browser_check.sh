#!/bin/bash
# Renders the demo's flow report in headless Chromium: the screenshot must be written and
# not blank, the rendered DOM must hold every section, and the page must log no error of
# its own (console messages, failed loads). Exit 77 (CTest's skip) without chromium.
# Usage: report_browser_check.sh AXOMESH_EXECUTABLE WORK_FOLDER
set -u
cli=$1
work=$2
browser=$(command -v chromium || command -v chromium-browser) || {
  echo "SKIPPED: chromium is not installed (apt-get install -y --no-install-recommends chromium)"
  exit 77
}
rm -rf "$work"
mkdir -p "$work"
if ! "$cli" demo --out "$work/demo" --until report > "$work/demo.log" 2>&1; then
  cat "$work/demo.log"
  echo "FAILED: axomesh demo --until report"
  exit 1
fi
page="$work/demo/report.html"
grep -q "the flow report (open it in a browser): $page" "$work/demo.log" || {
  echo "FAILED: the demo does not print where report.html is"
  exit 1
}
flags=(--headless --disable-gpu --no-sandbox --hide-scrollbars --user-data-dir="$work/profile"
       --enable-logging=stderr --v=0)
"$browser" "${flags[@]}" --window-size=1280,3600 --screenshot="$work/report.png" "file://$page" \
  > "$work/screenshot.log" 2>&1
"$browser" "${flags[@]}" --dump-dom "file://$page" > "$work/dom.html" 2> "$work/dom.log"

status=0
size=$(stat -c %s "$work/report.png" 2>/dev/null || echo 0)
if [ "$(head -c 8 "$work/report.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
  echo "FAILED: no PNG screenshot written ($work/screenshot.log)"
  status=1
elif [ "$size" -lt 50000 ]; then  # a blank 1280x3600 page compresses to a few kB
  echo "FAILED: the screenshot is only $size bytes: nothing rendered?"
  status=1
fi
for id in summary raster mesh energy latency quantisation synthesis lint cosim; do
  grep -q "<section id=\"$id\"" "$work/dom.html" || { echo "FAILED: section $id missing from the DOM"; status=1; }
done
[ "$(grep -c '<svg' "$work/dom.html")" -ge 5 ] || { echo "FAILED: fewer than 5 charts in the DOM"; status=1; }
# The page's own errors; Chromium's complaints about the machine (dbus, GPU) are not ours.
if grep -E "CONSOLE|Uncaught|Failed to load|net::ERR|Refused to|not allowed to load" \
     "$work/screenshot.log" "$work/dom.log"; then
  echo "FAILED: the browser logged errors for the page"
  status=1
fi
[ $status -eq 0 ] && echo "report rendered: $work/report.png ($size bytes), every section in the DOM"
exit $status

#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then run it offscreen to prove it works.
#
#   packaging/build_app.sh            build into build/ and dist/framing-annotator/, then check
#   packaging/build_app.sh --check    only check an existing dist/framing-annotator/
#
# Needs the packaging extra: .venv/bin/pip install -c constraints.txt -e ".[test,packaging]"
# FA_DIST_DIR and FA_BUILD_DIR move dist/ and build/ elsewhere (the slow test uses them).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
DIST_DIR=${FA_DIST_DIR:-dist}
BUILD_DIR=${FA_BUILD_DIR:-build}
DIST=$DIST_DIR/framing-annotator
APP=$DIST/framing-annotator
say() { printf 'build_app: %s\n' "$*" >&2; }

if [ "${1:-}" != "--check" ]; then
  start=$(date +%s)
  say "building with $("$PYTHON" -m PyInstaller --version 2>/dev/null || echo '?') (PyInstaller)"
  mkdir -p "$BUILD_DIR"
  log=$BUILD_DIR/pyinstaller.log
  if ! "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$DIST_DIR" \
    --workpath "$BUILD_DIR/pyinstaller" packaging/framing-annotator.spec >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    say "PyInstaller failed; the whole log is in $log"
    exit 1
  fi
  # Hooks ask for the test suites of spaCy's libraries and for all its languages, which the
  # spec leaves out on purpose; the rest of PyInstaller's warnings are shown.
  grep -v -E 'Hidden import "([a-z_]+\.tests|spacy\.lang\.[a-z]+)[."]|_importlib_metadata' \
    "$log" >&2 || true
  say "built $DIST in $(( $(date +%s) - start )) s, $(du -sh "$DIST" | cut -f1)"
fi
[ -x "$APP" ] || { say "no $APP: build it first"; exit 1; }

# A fresh home, so the check never touches the user's settings or projects.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_DATA_HOME=$tmp/home/.local/share
export XDG_CACHE_HOME=$tmp/home/.cache QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
seed=$(find "$DIST" -path '*framing_annotator/seeds/ice-operation-rise.txt' | head -n 1)
[ -n "$seed" ] || { say "the seed article is missing from $DIST"; exit 1; }

say "1/5 --version"
"$APP" --version
say "2/5 import the sample article into a new project"
"$APP" import "$tmp/sample.sqlite" "$seed"
say "3/5 info"
"$APP" info "$tmp/sample.sqlite"
say "4/5 suggest with the blank pipeline and our spaCy components"
count=$("$APP" suggest "$seed" --pipeline blank --format jsonl | wc -l)
[ "$count" -gt 0 ] || { say "no suggestions from the frozen suggester"; exit 1; }
say "    $count suggestions"
say "5/5 the window on the first-run sample project (offscreen)"
FA_FROZEN_SMOKE=1 "$APP"
sample=$(find "$XDG_DATA_HOME" -name sample-project.sqlite | head -n 1)
[ -n "$sample" ] || { say "the first run made no sample project"; exit 1; }
say "ok: $APP works (sample project at ${sample#"$tmp/home/"})"

#!/usr/bin/env bash
# Set up Framing Annotator on Debian or Ubuntu, then open it or test it.
#
#   ./setup.sh app [PROJECT]   set up, then open the window (the sample project on first run)
#   ./setup.sh test [ARGS]     set up, then run lint, layer contracts and the whole test suite
#                              offscreen (ARGS go to pytest)
#
# Idempotent: a second run only checks, and takes a second or two.
set -euo pipefail
cd "$(dirname "$0")"

# What Qt needs to draw offscreen (tests), then what it needs on a real X11 display.
APT_PACKAGES=(
  python3-venv
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
)
VENV=.venv
STAMP="$VENV/.setup-stamp"

say() { printf 'setup: %s\n' "$*" >&2; }

find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  say "Python 3.11 or newer is needed (apt-get install python3)"
  return 1
}

install_apt_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian-like: nothing to do here
  local missing=() package
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      say "missing system packages, and no sudo: apt-get install ${missing[*]}"
      return 1
    }
    sudo=(sudo)
  fi
  say "installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

install_python_packages() {
  local python wanted
  python=$(find_python)
  if ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say "creating $VENV with $python"
    rm -rf "$VENV"
    "$python" -m venv "$VENV"
  fi
  wanted=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$STAMP" 2>/dev/null)" != "$wanted" ]; then
    say "installing Python packages (pinned in constraints.txt)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      -c constraints.txt -e ".[test]"
    echo "$wanted" >"$STAMP"
  fi
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  app)
    install_apt_packages
    install_python_packages
    exec "$VENV/bin/framing-annotator" "$@"
    ;;
  test)
    install_apt_packages
    install_python_packages
    export QT_QPA_PLATFORM=offscreen
    "$VENV/bin/ruff" check .
    "$VENV/bin/lint-imports"
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    echo "usage: ./setup.sh app [PROJECT] | ./setup.sh test [PYTEST ARGS]" >&2
    exit 2
    ;;
esac

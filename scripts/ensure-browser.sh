#!/bin/sh
# Install Debian's chromium and chromium-driver for the browser tests (tests/test_browser.py)
# when they are missing. Called by `make test`; never fails the build: without a browser the
# browser tests are skipped with the reason.
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "ensure-browser: not root and no sudo: cannot install chromium; browser tests will be skipped" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-browser: no apt-get here: install chromium and chromedriver yourself; browser tests will be skipped" >&2
    exit 0
fi
echo "ensure-browser: installing chromium and chromium-driver (Debian packages)" >&2
$SUDO apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null ||
    echo "ensure-browser: installation failed; browser tests will be skipped" >&2
exit 0

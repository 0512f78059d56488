#!/usr/bin/env bash
# Re-index files and folders incrementally: one timestamped summary line per run on stdout,
# warnings (file, line, reason) on stderr. Called by the cron and systemd-timer recipes
# (scripts/README.md). Arguments are passed to `coopsearch index` (default: the project's corpus/).
#
#   COOPSEARCH_INDEX  index directory (default: ./index of the working directory)
#   COOPSEARCH_BIN    the coopsearch command (default: .venv/bin/coopsearch of this project)
#   COOPSEARCH_WAIT   seconds to wait for another indexer to finish (default 3600; then exit 1)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${COOPSEARCH_BIN:-$here/.venv/bin/coopsearch}
[ "$#" -gt 0 ] || set -- "$here/corpus"
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%Y-%m-%dT%H:%M:%S%z)" "$line"; done; }
"$bin" index --no-progress --wait "${COOPSEARCH_WAIT:-3600}" "$@" 2> >(stamp >&2) | stamp

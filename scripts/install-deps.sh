#!/usr/bin/env bash
# Installs what attend needs to build, run and test on Debian 12, and nothing
# more. Safe to run again: it only asks apt for packages that are missing.
# Used by `make deps` (and so by `make run`, `make check` and `make bench`).
set -euo pipefail

# Build and run: the libraries the binary links against.
build_pkgs=(
  gcc make pkg-config
  libsqlite3-dev sqlite3
  libjansson-dev
  libcsv-dev
  libsodium-dev
  libmicrohttpd-dev
  libcurl4-openssl-dev
  libcairo2-dev libpango1.0-dev
  fonts-dejavu-core
  libxml2-dev
  libpq-dev
  libssl-dev
)
# Tests: unit tests, the browser, a real SMTP peer and a PostgreSQL server.
test_pkgs=(
  libcmocka-dev
  clang libclang-rt-14-dev
  curl jq
  chromium
  nodejs npm
  poppler-utils
  python3 openssl
  postgresql
)
# Benchmarks: load generator and timer, PostgreSQL as a peer, column(1) for
# the results table.
bench_pkgs=(wrk hyperfine postgresql bsdextrautils)

want=("${build_pkgs[@]}")
case "${1:-build}" in
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  # nodejs may come from NodeSource rather than Debian; a working node is enough.
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

#!/usr/bin/env bash
# Makes the Python engines of the integration tests ready: moto (the AWS emulator the tests in
# test/moto/ start on a loopback port) and cfn-lint (which lints deploy's generated template).
# Idempotent: installs each with pip only when it is missing; fails when it cannot.
set -euo pipefail

MOTO_VERSION=5.2.1
CFN_LINT_VERSION=1.51.0
python="${BWOPS_MOTO_PYTHON:-python3}"

log() { printf 'ci-python: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

command -v "$python" >/dev/null 2>&1 || die "no $python: install Python 3.9 or later (the moto and cfn-lint tests need it)."

if ! "$python" -c 'import moto.server, flask_cors' >/dev/null 2>&1; then
  log "installing moto[server]==$MOTO_VERSION"
  "$python" -m pip install --quiet "moto[server]==$MOTO_VERSION" || die "could not install moto: pip install 'moto[server]==$MOTO_VERSION'"
fi

if ! command -v cfn-lint >/dev/null 2>&1; then
  log "installing cfn-lint==$CFN_LINT_VERSION"
  "$python" -m pip install --quiet "cfn-lint==$CFN_LINT_VERSION" || die "could not install cfn-lint: pip install cfn-lint==$CFN_LINT_VERSION"
  hash -r
  command -v cfn-lint >/dev/null 2>&1 || die "cfn-lint was installed but is not on PATH (pyenv users: pyenv rehash)."
fi

log "moto $("$python" -c 'import moto; print(moto.__version__)'), $(cfn-lint --version)"

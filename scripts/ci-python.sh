#!/usr/bin/env bash
# Makes the Python engines of the integration tests ready: moto (the AWS emulator the tests in
# test/moto/ start on a loopback port) and cfn-lint (which lints deploy's generated template).
# Idempotent: installs each only when it is missing, with the machine's pip, else (a Debian
# "externally managed" Python, no pip) in a virtualenv at .ci/.venv; installs python3 itself with
# apt-get when there is none (Debian, root). Fails when it cannot.
#
# Its last line on stdout says where they are, for .ci/run to eval:
#   export BWOPS_MOTO_PYTHON=/path/to/python PATH=/dir/with/cfn-lint:$PATH
set -euo pipefail

MOTO_VERSION=5.2.1
CFN_LINT_VERSION=1.51.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.ci/.venv"
python="${BWOPS_MOTO_PYTHON:-python3}"

log() { printf 'ci-python: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

has_moto() { "$1" -c 'import moto.server' >/dev/null 2>&1; }

if ! command -v "$python" >/dev/null 2>&1 && [[ ! -x "$venv/bin/python" ]]; then
  command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]] || die "no $python: install Python 3.9 or later (the moto and cfn-lint tests need it)."
  log "installing python3"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null || die "could not install python3 with apt-get"
fi

# an earlier run's virtualenv is reused
[[ -x "$venv/bin/python" ]] && has_moto "$venv/bin/python" && python="$venv/bin/python"
python="$(command -v "$python")"
bindir="$(dirname "$python")"

install() {
  # the machine's pip first; a Python that refuses (PEP 668) or has no pip gets a virtualenv
  if "$python" -m pip install --quiet "$@" 2>/dev/null; then return; fi
  if [[ "$python" != "$venv/bin/python" ]]; then
    log "pip refused to install into $python; using a virtualenv at .ci/.venv"
    "$python" -m venv "$venv" || die "could not make a virtualenv (Debian: apt-get install python3-venv)"
    python="$venv/bin/python"
    bindir="$venv/bin"
    "$python" -m pip install --quiet "moto[server]==$MOTO_VERSION" "cfn-lint==$CFN_LINT_VERSION" || die "could not install moto and cfn-lint into .ci/.venv"
    return
  fi
  die "could not install $*"
}

if ! has_moto "$python"; then
  log "installing moto[server]==$MOTO_VERSION"
  install "moto[server]==$MOTO_VERSION"
fi

if ! PATH="$bindir:$PATH" command -v cfn-lint >/dev/null 2>&1; then
  log "installing cfn-lint==$CFN_LINT_VERSION"
  install "cfn-lint==$CFN_LINT_VERSION"
  hash -r
fi

has_moto "$python" || die "moto is still not importable by $python"
PATH="$bindir:$PATH" command -v cfn-lint >/dev/null 2>&1 || die "cfn-lint was installed but is not on PATH (pyenv users: pyenv rehash)"
log "moto $("$python" -c 'import moto; print(moto.__version__)') ($python), $(PATH="$bindir:$PATH" cfn-lint --version)"
printf 'export BWOPS_MOTO_PYTHON=%q PATH=%q:"$PATH"\n' "$python" "$bindir"

#!/usr/bin/env bash
# Makes a Docker engine and the probe's fixture images ready for test/docker/. Idempotent.
#   scripts/ci-docker.sh                installs docker.io and busybox-static when missing (Debian,
#                                       root), starts dockerd when no engine answers, builds images
#   scripts/ci-docker.sh --images-only  only builds the fixture images (the engine must be up)
# Fixture images are built with no registry: `docker import` of a rootfs holding a static busybox
# and the shell app in test/fixtures/images/<name>/, tagged bwops-fixture/<name>:latest and labelled
# with a hash of their sources, so an unchanged image is not rebuilt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixtures="$root/test/fixtures/images"
images_only=false
[[ "${1:-}" == "--images-only" ]] && images_only=true

log() { printf 'ci-docker: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

busybox_is_static() {
  [[ -x /bin/busybox ]] && ! ldd /bin/busybox >/dev/null 2>&1
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 && command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  busybox_is_static || missing+=(busybox-static)
  [[ ${#missing[@]} -eq 0 ]] && return
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them: install Docker and a static busybox by hand."
  [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}: run as root, or install them with sudo apt-get install -y ${missing[*]}."
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start_engine() {
  engine_up && return
  if [[ -z "${DOCKER_HOST:-}" ]] && ! pgrep -x dockerd >/dev/null 2>&1; then
    [[ $(id -u) -eq 0 ]] || die "no Docker engine answers and starting dockerd needs root: run sudo dockerd, or set DOCKER_HOST."
    log "starting dockerd (log: /tmp/dockerd.log)"
    nohup dockerd >/tmp/dockerd.log 2>&1 &
  fi
  for _ in $(seq 1 60); do
    engine_up && { log "engine up"; return; }
    sleep 1
  done
  die "the Docker engine did not answer within 60 s: see /tmp/dockerd.log."
}

build_image() {
  local name="$1" dir="$fixtures/$1" tag="bwops-fixture/$1:latest"
  local hash current
  hash=$(cat "$fixtures"/common/* "$dir"/* /bin/busybox | sha256sum | cut -c1-16)
  current=$(docker image inspect --format '{{index .Config.Labels "bwops.fixture.hash"}}' "$tag" 2>/dev/null || true)
  if [[ "$current" == "$hash" ]]; then log "$tag is up to date"; return; fi

  local rootfs
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs"/{bin,app,etc,tmp,www}
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ -e "$rootfs/bin/$applet" ]] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/:/bin/sh\napp:x:1000:1000:app:/app:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\napp:x:1000:\n' >"$rootfs/etc/group"
  cp "$fixtures"/common/*.sh "$dir"/*.sh "$rootfs/app/"
  chmod 755 "$rootfs"/app/*.sh

  local changes=(--change "LABEL bwops.fixture.hash=$hash" --change "ENV PATH=/bin")
  while IFS= read -r line; do
    [[ -n "$line" ]] && changes+=(--change "$line")
  done <"$dir/changes"
  tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -c . | docker import "${changes[@]}" - "$tag" >/dev/null
  rm -rf "$rootfs"
  log "built $tag"
}

if ! $images_only; then
  install_packages
  start_engine
fi
engine_up || die "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unset}): start dockerd, or run scripts/ci-docker.sh without --images-only."
busybox_is_static || die "/bin/busybox is missing or not static: apt-get install -y busybox-static."
for dir in "$fixtures"/*/; do
  name=$(basename "$dir")
  [[ "$name" == common || ! -f "$dir/changes" ]] && continue
  build_image "$name"
done

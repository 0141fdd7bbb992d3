#!/usr/bin/env bash
# Builds the container image from the working tree and runs it without a container engine
# (ImageIT drives it; usable by hand too). Needs root, podman and mmdebstrap
# (packaging/packages-test.txt).
#
#   packaging/image-test.sh build TAG
#       makes a Debian bookworm base image locally (no registry is reachable on the test
#       machines) and builds the Dockerfile, unchanged but for its base images, from a copy
#       of the working tree's files (git ls-files), as `docker build .` would from a clone.
#   packaging/image-test.sh run TAG DATA_DIR [SERVER ARGUMENTS...]
#       runs the image's entry point in the foreground, as `docker run --network host
#       -v DATA_DIR:/var/lib/medialive-distributor` would: its own PID and mount namespaces,
#       the image's root, its user, host networking. SIGTERM to this script is `docker stop`:
#       it goes to the container's PID 1. The environment variables named in CONTAINER_ENV
#       (space-separated) are passed in.
#
# Why not `podman run`: crun and runc cannot set rlimits on these machines (FIELD-NOTES.md).
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=localhost/medialive-distributor-test-base:bookworm

fail() {
  echo "image-test: $*" >&2
  exit 1
}

require_tools() {
  [ "$(id -u)" -eq 0 ] || fail "must run as root (podman's chroot builds, namespaces, mounts)"
  for tool in podman mmdebstrap unshare chroot; do
    command -v "$tool" >/dev/null || fail "$tool is missing (packaging/packages-test.txt; ./distributor test installs it)"
  done
}

# The machine's Debian mirror, from its apt sources (deb.debian.org if none is found).
debian_mirror() {
  local mirror
  mirror=$(grep -hsE '^\s*(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list \
    | grep -oE 'https?://[^ ]+/debian/?' | grep -v security | head -1 || true)
  echo "${mirror:-http://deb.debian.org/debian}"
}

# A minimal bookworm root as the base of both build stages, made once and kept by podman.
# The machine's extra CA certificates go in: it may reach Maven Central through a proxy
# that re-signs TLS. Only this test image has them; the Dockerfile knows nothing of them.
ensure_base_image() {
  if podman image exists "$BASE"; then
    return
  fi
  local mirror tar
  mirror=$(debian_mirror)
  tar=$(mktemp --suffix=.tar)
  echo "image-test: making the base image $BASE from $mirror" >&2
  mmdebstrap --quiet --variant=minbase --include=ca-certificates \
    --customize-hook='if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/"; fi' \
    --customize-hook='chroot "$1" update-ca-certificates' \
    bookworm "$tar" "deb $mirror bookworm main" "deb $mirror bookworm-updates main" </dev/null
  podman import --quiet "$tar" "$BASE" >/dev/null
  rm -f "$tar"
}

# The files a clone would have: tracked and new ones, not ignored, not deleted.
copy_working_tree() {
  local into=$1
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard \
      | while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done \
      | tar --null -T - -cf - | tar -xf - -C "$into"
  else
    tar --exclude=./target --exclude=./data --exclude=./.git -cf - . | tar -xf - -C "$into"
  fi
}

build() {
  local tag=$1
  require_tools
  ensure_base_image
  context=$(mktemp -d)
  trap 'rm -rf "$context"' EXIT
  copy_working_tree "$context"
  # docker format: the OCI format has no HEALTHCHECK and podman would drop it
  local previous
  previous=$(podman image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
  podman build --isolation=chroot --network host --format docker --pull=never \
    --build-arg BUILD_BASE="$BASE" --build-arg RUNTIME_BASE="$BASE" -t "$tag" "$context"
  # The image this test built last time, now untagged. Only that one: the build stage's
  # layers stay, podman's cache for the next build (`podman image prune` reclaims them).
  if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$tag")" ]; then
    podman rmi "$previous" >/dev/null 2>&1 || true
  fi
}

# The user the image runs as, as "uid:gid" from its own /etc/passwd.
image_user_ids() {
  local root=$1 user=$2
  awk -F: -v u="$user" '$1 == u { print $3 ":" $4 }' "$root/etc/passwd"
}

run() {
  local tag=$1 data=$2
  shift 2
  require_tools
  local root user ids container_pid env_args=()
  user=$(podman image inspect --format '{{.Config.User}}' "$tag")
  [ -n "$user" ] || fail "$tag has no USER: it would run as root"
  root=$(podman image mount "$tag")
  trap "podman image unmount '$tag' >/dev/null || true" EXIT
  ids=$(image_user_ids "$root" "$user")
  [ -n "$ids" ] || fail "user $user is not in the image's /etc/passwd"
  chown "$ids" "$data"
  for name in ${CONTAINER_ENV:-}; do
    env_args+=("$name=${!name-}")
  done
  local entrypoint
  mapfile -t entrypoint < <(podman image inspect --format '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$tag" | grep .)
  local command=(chroot --userspec="$ids" "$root" /usr/bin/env -i
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/medialive-distributor
    "${env_args[@]}" "${entrypoint[@]}" "$@")
  # New PID namespace (the entry point is its PID 1) with its own /proc, and a mount namespace
  # where /dev, a fresh /tmp and the data volume are mounted into the read-only image root.
  # shellcheck disable=SC2016 # expanded by the inner shell
  unshare --mount --pid --fork --kill-child --mount-proc="$root/proc" -- /bin/sh -c '
    root=$1 data=$2
    shift 2
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    mount --bind "$data" "$root/var/lib/medialive-distributor"
    exec "$@"' sh "$root" "$data" "${command[@]}" &
  local unshare_pid=$!
  stop() {
    container_pid=$(pgrep -P "$unshare_pid" || true)
    [ -z "$container_pid" ] || kill -TERM "$container_pid"
  }
  trap stop TERM INT
  local status=0
  wait "$unshare_pid" || status=$?
  # wait returns early when a trapped signal arrives: wait again for the container to end
  while kill -0 "$unshare_pid" 2>/dev/null; do
    wait "$unshare_pid" || status=$?
  done
  return "$status"
}

case "${1:-}" in
  build) shift; [ $# -eq 1 ] || fail "usage: build TAG"; build "$1" ;;
  run) shift; [ $# -ge 2 ] || fail "usage: run TAG DATA_DIR [ARGS...]"; run "$@" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

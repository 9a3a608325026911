#!/usr/bin/env bash
# Builds the JVM image of every service with podman, with no registry at all: the Java base
# image is made here with debootstrap from the Debian mirror apt already uses, then each
# service's src/main/docker/Dockerfile.jvm is built on it. Called by `./suite images` after the
# jars are packaged. Needs root (debootstrap, rootful podman) and Debian's podman, runc and
# debootstrap packages.
#
#   IMAGE_TAG       tag of the service images              (default 1.0.0)
#   BASE_IMAGE      Java base; built here when missing     (default localhost/chat-suite/jre:17)
#   DEBIAN_MIRROR   mirror for debootstrap                 (default: the one in apt's sources)
#   CONTAINERS_CONF podman configuration                   (default: written under $DATA_DIR/containers)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA_DIR="${DATA_DIR:-$ROOT/data}"
TAG="${IMAGE_TAG:-1.0.0}"
BASE="${BASE_IMAGE:-localhost/chat-suite/jre:17}"
SERVICES=(auth-service messaging-service media-service gateway)

if ! command -v podman >/dev/null; then
  echo "images: podman is not installed; on Debian: apt-get install podman buildah runc debootstrap" >&2
  exit 3
fi

# Our sandboxes refuse crun's cgroup handling and ulimits above their own: Debian's runc with
# modest default ulimits is what runs here (see k8s/README.md, Images).
if [ -z "${CONTAINERS_CONF:-}" ]; then
  export CONTAINERS_CONF="$DATA_DIR/containers/containers.conf"
  if [ ! -f "$CONTAINERS_CONF" ]; then
    mkdir -p "$(dirname "$CONTAINERS_CONF")"
    cat > "$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
EOF
  fi
fi

debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local uri
  uri="$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)"
  [ -n "$uri" ] || uri="$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | head -n1 || true)"
  echo "${uri:-http://deb.debian.org/debian}"
}

build_base() {
  if ! command -v debootstrap >/dev/null; then
    echo "images: debootstrap is not installed; apt-get install debootstrap" >&2
    exit 3
  fi
  local codename rootfs
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
  rootfs="$DATA_DIR/containers/rootfs"
  rm -rf "$rootfs"
  echo "images: building the Java base image $BASE from Debian $codename ($(debian_mirror)), about 2 minutes"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates "$codename" "$rootfs" "$(debian_mirror)" \
    > "$DATA_DIR/containers/debootstrap.log" 2>&1 \
    || { tail -n 20 "$DATA_DIR/containers/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
  tar -C "$rootfs" -c . | podman import -q --change 'ENV LANG=C.UTF-8' - "$BASE" >/dev/null
  rm -rf "$rootfs"
}

mkdir -p "$DATA_DIR/containers"
if ! podman image exists "$BASE"; then
  build_base
fi

for s in "${SERVICES[@]}"; do
  if [ ! -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ]; then
    echo "images: $s/target/quarkus-app is missing; package first (./suite images does)" >&2
    exit 1
  fi
  echo "images: building chat-suite/$s:$TAG"
  podman build -q --build-arg BASE="$BASE" -f "$ROOT/$s/src/main/docker/Dockerfile.jvm" -t "chat-suite/$s:$TAG" "$ROOT/$s" >/dev/null
done
podman image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E "chat-suite/(jre|auth-service|messaging-service|media-service|gateway)" | sort

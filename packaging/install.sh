#!/usr/bin/env bash
# Installs MediaLive Distributor as a systemd service on Debian 12:
#   sudo packaging/install.sh            (from a checkout; builds the jar if needed)
# Creates the "medialive" user, /var/lib/medialive-distributor (data) and
# /etc/medialive-distributor/environment (settings, owner-readable only), installs the
# packages of packaging/packages-runtime.txt, the jar under /opt/medialive-distributor,
# the unit and a sysctl drop-in (net.core.rmem_max for the channels' receive buffers); then
# enables and starts it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (sudo packaging/install.sh)" >&2
  exit 1
fi

apt-get update -qq
grep -v '^\s*#' packaging/packages-runtime.txt | grep -v '^\s*$' \
  | xargs env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

if [ ! -f target/medialive-distributor.jar ]; then
  grep -v '^\s*#' packaging/packages-build.txt | grep -v '^\s*$' \
    | xargs env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
  mvn -B -q -DskipTests package
fi

id medialive >/dev/null 2>&1 || useradd --system --home-dir /var/lib/medialive-distributor --shell /usr/sbin/nologin medialive
install -d -o medialive -g medialive -m 0750 /var/lib/medialive-distributor
install -d -m 0755 /opt/medialive-distributor /opt/medialive-distributor/docs
install -m 0644 target/medialive-distributor.jar /opt/medialive-distributor/
install -m 0644 docs/*.md /opt/medialive-distributor/docs/
install -d -m 0750 /etc/medialive-distributor
if [ ! -f /etc/medialive-distributor/environment ]; then
  # No password here: on its first start the server generates admin's password into
  # /var/lib/medialive-distributor/admin-password.txt (0600), so it lands in no terminal,
  # journal or stale copy (DISTRIBUTOR_ADMIN_PASSWORD only seeds a first start anyway).
  umask 077
  printf '# DISTRIBUTOR_ADMIN_PASSWORD=... (first start only; else generated, see below)\n# SERVER_PORT=8000\n# JAVA_OPTS=-Xmx512m\n' > /etc/medialive-distributor/environment
fi
# The Camel route files and output kind descriptors, read at each start (docs/ROUTES.md). A file
# already there may hold an engineer's edit: it is kept, and the new version is put beside it as .new.
install -d -m 0755 /etc/medialive-distributor/routes
for route in routes/*.camel.yaml routes/*.output-kind.yaml; do
  target=/etc/medialive-distributor/routes/$(basename "$route")
  if [ -f "$target" ] && ! cmp -s "$route" "$target"; then
    install -m 0644 "$route" "$target.new"
  elif [ ! -f "$target" ]; then
    install -m 0644 "$route" "$target"
  fi
done
install -m 0644 packaging/systemd/medialive-distributor.service /etc/systemd/system/
# the kernel's cap on socket receive buffers (docs/OPERATIONS.md, "Receive buffers and kernel drops")
install -m 0644 packaging/systemd/90-medialive-distributor.conf /etc/sysctl.d/
sysctl -q -p /etc/sysctl.d/90-medialive-distributor.conf
systemctl daemon-reload
systemctl enable --now medialive-distributor
echo "Installed. Dashboard: http://$(hostname -f):8000/  Logs: journalctl -u medialive-distributor -f"
echo "First login: user admin, password in /var/lib/medialive-distributor/admin-password.txt (root or medialive can read it; deleted once changed)"

#!/usr/bin/env bash
# Makes a Docker engine answer on /var/run/docker.sock: Debian's docker.io, started when no engine
# answers. Where the VM's capability bounding set lacks capabilities that privileged containers ask
# for (this sandbox drops CAP_SYS_RESOURCE), registers an OCI runtime wrapper that removes them.
source "$(dirname "$0")/lib.sh"

if docker info >/dev/null 2>&1; then log "engine answers"; exit 0; fi
apt_install docker.io jq iptables zstd
command -v docker >/dev/null || ln -sf /usr/bin/docker /usr/local/bin/docker

mkdir -p /etc/docker
wrapper=/usr/local/libexec/setup-buildkit/runc-capfix
if capfix_runtime "$wrapper" /usr/sbin/runc; then
  jq -n --arg w "$wrapper" '{"default-runtime":"capfix","runtimes":{"capfix":{"path":$w}}}' >/etc/docker/daemon.json
fi

# binfmt_misc is where QEMU emulators register; some VMs boot without it mounted.
[ -e /proc/sys/fs/binfmt_misc/status ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true

pidfile_pid /var/run/docker.pid dockerd >/dev/null || true
log "starting dockerd"
# Its own session: the engine outlives whatever shell or test process started it.
setsid -f dockerd >>/var/log/setup-buildkit-dockerd.log 2>&1 </dev/null
for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && { log "engine answers"; exit 0; }; sleep 0.5; done
tail -20 /var/log/setup-buildkit-dockerd.log >&2
log "dockerd did not answer within 30 s"; exit 1

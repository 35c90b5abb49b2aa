#!/usr/bin/env bash
# Two more Docker engines on loopback beside the runner's engine, for the endpoint tests
# (../shared/reference/scale-out.md §5.1). Idempotent; every process is recorded by PID.
#   engines.sh        start them (certificates, keys, images: made once, cached)
#   engines.sh down   stop them by their PIDs and take the ssh client block out of root's ssh config
#
#   tls  tcp://127.0.0.1:23760 with mutual TLS (and unix:///run/setup-buildkit/engine-tls.sock for the harness)
#   ssh  unix:///run/setup-buildkit/engine-ssh.sock, reached by the tests through a private sshd on
#        127.0.0.1:2222 whose sessions get DOCKER_HOST pointing at it
# Each has its own data root, exec root, pidfile, containerd (started by its dockerd) and bridge. Never
# `--bridge none`: dockerd would then delete docker0 and cut the runner engine's containers off.
source "$(dirname "$0")/lib.sh"
DIR=$HARNESS_CACHE/engines
RUN=/run/setup-buildkit
TLS_PORT=23760
SSH_PORT=2222
SSH_MARK='# setup-buildkit test engines'
SSH_CONFIG=$(getent passwd root | cut -d: -f6)/.ssh/config
mkdir -p "$DIR" "$RUN"

if [ "${1:-}" = down ]; then
  pid=$(pidfile_pid "$RUN/sshd-engines.pid" sshd) && kill "$pid"
  for name in tls ssh; do
    pid=$(pidfile_pid "$RUN/engine-$name.pid" dockerd) && kill "$pid"
  done
  [ -f "$SSH_CONFIG" ] && sed -i "/^$SSH_MARK >>>/,/^$SSH_MARK <<</d" "$SSH_CONFIG"
  log "test engines stopped"
  exit 0
fi

apt_install openssl docker.io

# Certificates: a CA, a server certificate for 127.0.0.1, a client certificate; a second CA and a
# client certificate from it, for the wrong-CA cases.
certs() {
  local d=$DIR/tls
  [ -f "$d/.complete" ] && return 0
  log "making the TLS engine's certificates"
  rm -rf "$d" && mkdir -p "$d"
  for ca in ca other-ca; do
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=setup-buildkit test $ca" \
      -keyout "$d/$ca-key.pem" -out "$d/$ca.pem" 2>/dev/null
  done
  issue() { # name ca extensions
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$d/$1-key.pem" -out "$d/$1.csr" 2>/dev/null
    openssl x509 -req -in "$d/$1.csr" -CA "$d/$2.pem" -CAkey "$d/$2-key.pem" -CAcreateserial -days 3650 \
      -extfile <(printf '%s\n' "$3") -out "$d/$1.pem" 2>/dev/null
    rm "$d/$1.csr"
  }
  issue server ca 'subjectAltName=IP:127.0.0.1
extendedKeyUsage=serverAuth'
  issue client ca 'extendedKeyUsage=clientAuth'
  issue other-client other-ca 'extendedKeyUsage=clientAuth'
  chmod 600 "$d"/*-key.pem
  touch "$d/.complete"
}

# The runtime wrapper the runner's engine uses (engine.sh), when there is one.
runtimes_json() {
  if [ -f /etc/docker/daemon.json ]; then jq '{"default-runtime", runtimes} | with_entries(select(.value != null))' /etc/docker/daemon.json
  else echo '{}'; fi
}

# engine NAME SUBNET_OCTET EXTRA_JSON: starts dockerd NAME unless it answers.
engine() {
  local name=$1 octet=$2 extra=$3 sock=$RUN/engine-$1.sock bridge=sbk-$1
  if DOCKER_HOST=unix://$sock docker version >/dev/null 2>&1; then return 0; fi
  if ! ip link show "$bridge" >/dev/null 2>&1; then
    ip link add "$bridge" type bridge
    ip addr add "10.231.$octet.1/24" dev "$bridge"
  fi
  ip link set "$bridge" up
  mkdir -p "$DIR/$name"
  jq -n --arg sock "unix://$sock" --arg data "$DIR/$name/data" --arg exec "$RUN/$name-exec" \
    --arg pid "$RUN/engine-$name.pid" --arg bridge "$bridge" --arg ns "sbk-$name" \
    --argjson runtimes "$(runtimes_json)" --argjson extra "$extra" \
    '{hosts: [$sock], "data-root": $data, "exec-root": $exec, pidfile: $pid, bridge: $bridge,
      iptables: false, "ip-masq": false, "containerd-namespace": $ns, "containerd-plugins-namespace": "\($ns)-plugins",
      "cgroup-parent": "/sbk-\($ns)"} + $runtimes + $extra
     | .hosts = [$sock] + ($extra.hosts // [])' >"$DIR/$name/daemon.json"
  pidfile_pid "$RUN/engine-$name.pid" dockerd >/dev/null || true
  log "starting engine $name"
  setsid -f dockerd --config-file "$DIR/$name/daemon.json" >>"$DIR/$name.log" 2>&1 </dev/null
  for _ in $(seq 1 60); do DOCKER_HOST=unix://$sock docker version >/dev/null 2>&1 && break; sleep 0.5; done
  DOCKER_HOST=unix://$sock docker version >/dev/null 2>&1 || { tail -20 "$DIR/$name.log" >&2; log "engine $name did not answer"; exit 1; }
}

# The images the builder and the QEMU installer need, copied from the runner's engine once.
images() {
  local sock=$RUN/engine-$1.sock ref
  for ref in "$BUILDKIT_IMAGE" $(docker images --format '{{.Repository}}:{{.Tag}}' tonistiigi/binfmt); do
    DOCKER_HOST=unix://$sock docker image inspect "$ref" >/dev/null 2>&1 && continue
    log "loading $ref into engine $1"
    docker save "$ref" | DOCKER_HOST=unix://$sock docker load -q >/dev/null
  done
}

# sshd on 127.0.0.1:$SSH_PORT; its sessions reach engine ssh. Client side: an authorised key, a key
# that is not, known_hosts holding the server's key, and host aliases in root's ssh config (OpenSSH
# reads the passwd home's config, not $HOME's).
sshd_up() {
  local d=$DIR/sshd
  if ! command -v sshd >/dev/null && [ ! -x /usr/sbin/sshd ]; then
    # Installed without being started as a system service on port 22.
    local guard=/usr/sbin/policy-rc.d own=
    [ -e "$guard" ] || { printf '#!/bin/sh\nexit 101\n' >"$guard"; chmod 755 "$guard"; own=1; }
    apt_install openssh-server
    [ -z "$own" ] || rm -f "$guard"
  fi
  if [ ! -f "$d/.complete" ]; then
    rm -rf "$d" && mkdir -p "$d" && chmod 700 "$d"
    ssh-keygen -q -t ed25519 -N '' -C sbk-host -f "$d/host_key"
    ssh-keygen -q -t ed25519 -N '' -C sbk-client -f "$d/id_client"
    ssh-keygen -q -t ed25519 -N '' -C sbk-refused -f "$d/id_refused"
    cp "$d/id_client.pub" "$d/authorized_keys"
    echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$d/host_key.pub")" >"$d/known_hosts"
    : >"$d/known_hosts_empty"
    cat >"$d/sshd_config" <<CFG
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $d/host_key
PidFile $RUN/sshd-engines.pid
AuthorizedKeysFile $d/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
SetEnv DOCKER_HOST=unix://$RUN/engine-ssh.sock
CFG
    touch "$d/.complete"
  fi
  mkdir -p /run/sshd
  pidfile_pid "$RUN/sshd-engines.pid" sshd >/dev/null || /usr/sbin/sshd -f "$d/sshd_config"
  mkdir -p "$(dirname "$SSH_CONFIG")" && chmod 700 "$(dirname "$SSH_CONFIG")"
  touch "$SSH_CONFIG"
  # Written afresh each time, so that it always names this cache's files.
  sed -i "/^$SSH_MARK >>>/,/^$SSH_MARK <<</d" "$SSH_CONFIG"
  local tmp
  tmp=$(mktemp)
  { cat <<CFG
$SSH_MARK >>>
Host sbk-ssh-engine sbk-ssh-unknown sbk-ssh-refused
  HostName 127.0.0.1
  Port $SSH_PORT
  User root
  IdentitiesOnly yes
Host sbk-ssh-engine sbk-ssh-unknown
  IdentityFile $d/id_client
Host sbk-ssh-engine sbk-ssh-refused
  UserKnownHostsFile $d/known_hosts
Host sbk-ssh-unknown
  UserKnownHostsFile $d/known_hosts_empty
Host sbk-ssh-refused
  IdentityFile $d/id_refused
$SSH_MARK <<<
CFG
    cat "$SSH_CONFIG"; } >"$tmp"
  # First, so that its Host blocks win over any wildcard block already there.
  cat "$tmp" >"$SSH_CONFIG" && rm "$tmp"
  chmod 600 "$SSH_CONFIG"
}

certs
engine tls 1 "$(jq -n --arg d "$DIR/tls" --arg port "$TLS_PORT" \
  '{hosts: ["tcp://127.0.0.1:\($port)"], tlsverify: true, tlscacert: "\($d)/ca.pem", tlscert: "\($d)/server.pem", tlskey: "\($d)/server-key.pem"}')"
engine ssh 2 '{}'
images tls
images ssh
sshd_up
log "test engines ready: tcp://127.0.0.1:$TLS_PORT (mutual TLS, certificates in $DIR/tls), ssh://sbk-ssh-engine (root@127.0.0.1:$SSH_PORT)"

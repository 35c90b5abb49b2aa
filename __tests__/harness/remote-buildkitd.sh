#!/usr/bin/env bash
# A BuildKit daemon that no builder owns, for the remote driver's tests (../shared/reference/kubernetes.md,
# "The remote driver"): buildkitd from the harness's BuildKit image, run as a container on the runner's
# engine with host networking, listening on loopback tcp with mutual TLS and on a unix socket; and a
# second one, for the builders with two remote nodes (buildx refuses one daemon behind two of a
# builder's addresses: a multi-node build's job ID then exists twice on it).
#   remote-buildkitd.sh start   start them unless they answer (certificates: made once, cached)
#   remote-buildkitd.sh stop    remove their containers (and the anonymous state volumes with them)
#
#   tcp://127.0.0.1:23770               mutual TLS: server certificate for IP 127.0.0.1 and DNS buildkitd.test,
#                                       signed by ca.pem; clients need a certificate signed by ca.pem
#   unix:///run/setup-buildkit/remote-buildkitd/buildkitd.sock   no TLS (buildkitd never puts TLS on a socket)
#   tcp://127.0.0.1:23771               the second daemon, mutual TLS with the same certificates
# Certificates in $HARNESS_CACHE/remote-buildkitd: ca.pem, server.pem, client.pem (+ -key.pem); other-ca.pem
# and other-client.pem, signed by a second CA, for the wrong-CA cases.
source "$(dirname "$0")/lib.sh"
DIR=$HARNESS_CACHE/remote-buildkitd
SOCKET_DIR=/run/setup-buildkit/remote-buildkitd
PORT=23770
CONTAINER=setup-buildkit-remote-buildkitd
SECOND_PORT=23771
SECOND_CONTAINER=setup-buildkit-remote-buildkitd-2

case "${1:-}" in
  start) ;;
  stop)
    docker rm -f -v "$CONTAINER" "$SECOND_CONTAINER" >/dev/null 2>&1 || true
    log "remote buildkitd stopped"
    exit 0
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac

apt_install openssl

certs() {
  [ -f "$DIR/.complete" ] && return 0
  log "making the remote buildkitd's certificates"
  rm -rf "$DIR" && mkdir -p "$DIR"
  local ca
  for ca in ca other-ca; do
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=setup-buildkit remote buildkitd $ca" \
      -keyout "$DIR/$ca-key.pem" -out "$DIR/$ca.pem" 2>/dev/null
  done
  issue() { # name ca extensions
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$DIR/$1-key.pem" -out "$DIR/$1.csr" 2>/dev/null
    openssl x509 -req -in "$DIR/$1.csr" -CA "$DIR/$2.pem" -CAkey "$DIR/$2-key.pem" -CAcreateserial -days 3650 \
      -extfile <(printf '%s\n' "$3") -out "$DIR/$1.pem" 2>/dev/null
    rm "$DIR/$1.csr"
  }
  issue server ca 'subjectAltName=IP:127.0.0.1,DNS:buildkitd.test
extendedKeyUsage=serverAuth'
  issue client ca 'extendedKeyUsage=clientAuth'
  issue other-client other-ca 'extendedKeyUsage=clientAuth'
  # Readable by buildkitd in its container and by the tests; nothing here guards anything real.
  chmod 644 "$DIR"/*.pem
  touch "$DIR/.complete"
}

# answers ADDRESS [TLS ARGS...]: buildkitd answers buildctl there.
answers() { "$GOBIN_DIR/buildctl" --addr "$@" debug workers >/dev/null 2>&1; }
first_answers() { [ -S "$SOCKET_DIR/buildkitd.sock" ] && answers "unix://$SOCKET_DIR/buildkitd.sock"; }
second_answers() {
  answers "tcp://127.0.0.1:$SECOND_PORT" --tlscacert "$DIR/ca.pem" --tlscert "$DIR/client.pem" --tlskey "$DIR/client-key.pem"
}
running() { [ "$(docker inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = true ]; }

# daemon CONTAINER ANSWERS ADDR...: buildkitd in CONTAINER listening on ADDR..., TLS from the certificates.
daemon() {
  local container=$1 check=$2
  shift 2
  running "$container" && "$check" && return 0
  docker rm -f -v "$container" >/dev/null 2>&1 || true
  local addrs=() mounts=(-v "$DIR:/certs:ro") addr
  for addr in "$@"; do
    addrs+=(--addr "$addr")
    # A unix socket is reached from the host through the socket directory.
    [[ $addr == unix://* ]] && mounts+=(-v "$SOCKET_DIR:/run/buildkit")
  done
  # Host networking: the daemon listens on the machine's loopback, where the action and buildx dial it.
  docker run -d --name "$container" --privileged --network host "${mounts[@]}" "$BUILDKIT_IMAGE" "${addrs[@]}" \
    --tlscacert /certs/ca.pem --tlscert /certs/server.pem --tlskey /certs/server-key.pem >/dev/null
  for _ in $(seq 1 60); do "$check" && break; sleep 0.25; done
  "$check" || { docker logs --tail 20 "$container" >&2; log "remote buildkitd $container did not answer"; exit 1; }
}

certs
docker image inspect "$BUILDKIT_IMAGE" >/dev/null 2>&1 || { log "no $BUILDKIT_IMAGE on the runner's engine: run images.sh first"; exit 1; }
mkdir -p "$SOCKET_DIR"
running "$CONTAINER" || rm -f "$SOCKET_DIR/buildkitd.sock"
daemon "$CONTAINER" first_answers "tcp://127.0.0.1:$PORT" unix:///run/buildkit/buildkitd.sock
daemon "$SECOND_CONTAINER" second_answers "tcp://127.0.0.1:$SECOND_PORT"
log "remote buildkitd answers at tcp://127.0.0.1:$PORT (mutual TLS, certificates in $DIR) and unix://$SOCKET_DIR/buildkitd.sock; the second at tcp://127.0.0.1:$SECOND_PORT"

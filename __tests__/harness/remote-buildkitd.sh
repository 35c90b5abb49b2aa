#!/usr/bin/env bash
# A BuildKit daemon that no builder owns, for the remote driver's tests (../shared/reference/kubernetes.md,
# "The remote driver"): buildkitd from the harness's BuildKit image, run as a container on the runner's
# engine with host networking, listening on loopback tcp with mutual TLS and on a unix socket.
#   remote-buildkitd.sh start   start it unless it answers (certificates: made once, cached)
#   remote-buildkitd.sh stop    remove its container (and the anonymous state volume with it)
#
#   tcp://127.0.0.1:23770               mutual TLS: server certificate for IP 127.0.0.1 and DNS buildkitd.test,
#                                       signed by ca.pem; clients need a certificate signed by ca.pem
#   unix:///run/setup-buildkit/remote-buildkitd/buildkitd.sock   no TLS (buildkitd never puts TLS on a socket)
# Certificates in $HARNESS_CACHE/remote-buildkitd: ca.pem, server.pem, client.pem (+ -key.pem); other-ca.pem
# and other-client.pem, signed by a second CA, for the wrong-CA cases.
source "$(dirname "$0")/lib.sh"
DIR=$HARNESS_CACHE/remote-buildkitd
SOCKET_DIR=/run/setup-buildkit/remote-buildkitd
PORT=23770
CONTAINER=setup-buildkit-remote-buildkitd

case "${1:-}" in
  start) ;;
  stop)
    docker rm -f -v "$CONTAINER" >/dev/null 2>&1 || true
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

answers() { [ -S "$SOCKET_DIR/buildkitd.sock" ] && "$GOBIN_DIR/buildctl" --addr "unix://$SOCKET_DIR/buildkitd.sock" debug workers >/dev/null 2>&1; }

certs
if [ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" = true ] && answers; then
  log "remote buildkitd answers at tcp://127.0.0.1:$PORT"
  exit 0
fi
docker rm -f -v "$CONTAINER" >/dev/null 2>&1 || true
mkdir -p "$SOCKET_DIR"
rm -f "$SOCKET_DIR/buildkitd.sock"
docker image inspect "$BUILDKIT_IMAGE" >/dev/null 2>&1 || { log "no $BUILDKIT_IMAGE on the runner's engine: run images.sh first"; exit 1; }
# Host networking: the daemon listens on the machine's loopback, where the action and buildx dial it.
docker run -d --name "$CONTAINER" --privileged --network host \
  -v "$DIR:/certs:ro" -v "$SOCKET_DIR:/run/buildkit" "$BUILDKIT_IMAGE" \
  --addr "tcp://127.0.0.1:$PORT" --addr unix:///run/buildkit/buildkitd.sock \
  --tlscacert /certs/ca.pem --tlscert /certs/server.pem --tlskey /certs/server-key.pem >/dev/null
for _ in $(seq 1 60); do answers && break; sleep 0.25; done
answers || { docker logs --tail 20 "$CONTAINER" >&2; log "remote buildkitd did not answer"; exit 1; }
log "remote buildkitd answers at tcp://127.0.0.1:$PORT (mutual TLS, certificates in $DIR) and unix://$SOCKET_DIR/buildkitd.sock"

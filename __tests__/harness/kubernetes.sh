#!/usr/bin/env bash
# A one-node Kubernetes cluster for the kubernetes driver's tests, with a fixed kubeconfig at
# $KUBECONFIG_PATH (/run/setup-buildkit/kubeconfig) and a second one, $KUBECONFIG_NODEPLOY, for a
# ServiceAccount whose RBAC forbids deployments. Facts and traps: ../shared/reference/kubernetes.md.
#   kubernetes.sh build   build the binary if its cache entry is missing
#   kubernetes.sh start   build, then start the cluster unless it answers (idempotent)
#   kubernetes.sh stop    stop the cluster, remove its pods' containers and network, put the kernel
#                         settings kubelet changed back
# Plain Kubernetes from the Go module proxy (k3s, k0s and minikube are not served here): k8s.io/kubernetes
# with its ./staging replaces re-pointed at the published k8s.io/*@v0.x modules, built as one multicall
# binary (kubernetes/main.go: embedded etcd, apiserver, controller-manager, scheduler, kubelet), cached
# under $HARNESS_CACHE/kubernetes keyed by the version and the build recipe's hash. It runs on its own
# instance of engine29.sh's containerd and runc (own root, state and socket), cgroup v1 with cgroupfs,
# no systemd, the CNI bridge plugin on $POD_CIDR (clear of docker0's 172.17/16, engine 29's 10.229.255/24
# and the docker networks' 172.18-31/16 and 192.168/16 pools). No kube-proxy, no DNS: the driver reaches
# BuildKit through the API server's pods/exec. Everything listens on loopback only.
source "$(dirname "$0")/lib.sh"
unset DOCKER_HOST
K8S_VERSION=${K8S_VERSION:-v1.37.2}
HERE=$(cd "$(dirname "$0")" && pwd)
KCACHE=$HARNESS_CACHE/kubernetes
BIN29=$HARNESS_CACHE/docker29/bin
RUN=/run/setup-buildkit/kubernetes
STATE=$KCACHE/state
LOGS=/var/log/setup-buildkit-kubernetes
KUBECONFIG_PATH=/run/setup-buildkit/kubeconfig
KUBECONFIG_NODEPLOY=/run/setup-buildkit/kubeconfig-nodeploy
POD_CIDR=10.244.77.0/24
POD_BRIDGE=sbkk8s0
APISERVER_PORT=16443
ETCD_CLIENT=http://127.0.0.1:12379
ETCD_PEER=http://127.0.0.1:12380
PAUSE_IMAGE=registry.k8s.io/pause:setup-buildkit
# The BuildKit image the pods run: the harness's image under a tag that is not :latest (so the pull
# policy is IfNotPresent and nothing is pulled from a registry).
K8S_BUILDKIT_IMAGE=${K8S_BUILDKIT_IMAGE:-moby/buildkit:buildx-stable-1}
# The kernel settings kubelet sets at start (kubernetes.md): recorded by start, put back by stop.
SYSCTLS=(vm.overcommit_memory kernel.panic kernel.panic_on_oops)
CTR=(ctr --address "$RUN/containerd.sock" -n k8s.io)
PKI=$KCACHE/pki
NODE_NAME=setup-buildkit
# The node's address: the pods' gateway on $POD_BRIDGE (kubelet and the API server refuse a loopback one).
NODE_IP=10.244.77.1

# build_binary OUT: the multicall binary. Its text and main.go make the cache key, so editing how it
# is started never rebuilds it.
build_binary() {
  local out=$1 src=$KCACHE/src-$K8S_VERSION staging=v0.${K8S_VERSION#v1.} t0=$SECONDS mod args=() m
  log "building Kubernetes $K8S_VERSION (one binary; 5-15 minutes of 2 cores; log $KCACHE/build.log)"
  rm -rf "$src"
  mod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | jq -r .Dir)
  cp -r "$mod" "$src"
  chmod -R u+w "$src"
  # The zip has no staging/src nor vendor/modules.txt: the published modules stand in for staging, and
  # the vendor directory (OWNERS only) would switch the go command to vendor mode.
  rm -rf "$src/vendor" "$src/go.work" "$src/go.work.sum"
  for m in $(cd "$src" && go mod edit -json | jq -r '.Replace[] | select(.New.Path | startswith("./staging/")) | .Old.Path'); do
    args+=(-replace "$m=$m@$staging")
  done
  (cd "$src" && go mod edit "${args[@]}")
  mkdir -p "$src/cmd/sbk-kube"
  cp "$HERE/kubernetes/main.go" "$src/cmd/sbk-kube/main.go"
  local version="-X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION"
  version+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(cut -d. -f2 <<<"$K8S_VERSION")"
  version+=" -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/component-base/version.buildDate=1970-01-01T00:00:00Z"
  if ! (cd "$src" && GOWORK=off GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $version" -o "$out.tmp" ./cmd/sbk-kube) >"$KCACHE/build.log" 2>&1; then
    tail -30 "$KCACHE/build.log" >&2
    log "building Kubernetes failed"
    return 1
  fi
  mv "$out.tmp" "$out"
  rm -rf "$src"
  log "built Kubernetes $K8S_VERSION in $((SECONDS - t0)) s"
}

binary_path() {
  local key
  key=$({ declare -f build_binary; cat "$HERE/kubernetes/main.go"; } | sha256sum | cut -c1-12)
  echo "$KCACHE/sbk-kube-$K8S_VERSION-$key"
}

build() {
  mkdir -p "$KCACHE"
  apt_install jq
  local bin
  bin=$(binary_path)
  [ -x "$bin" ] || build_binary "$bin"
}

# ca_sign NAME SUBJECT [EXTENSIONS]: a key and a certificate signed by the cluster's CA, in $PKI.
ca_sign() {
  local name=$1 subject=$2 ext=${3:-}
  [ -f "$PKI/$name.crt" ] && return 0
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI/$name.key" -subj "$subject" -out "$PKI/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 3650 \
    -extfile <(printf 'basicConstraints=CA:FALSE\n%s\n' "$ext") -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr"
}

# The cluster's certificates, made once (openssl, as the TLS engine's): they outlive stop and start.
certificates() {
  mkdir -p "$PKI"
  if [ ! -f "$PKI/ca.crt" ]; then
    openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -subj /CN=setup-buildkit-kubernetes-ca \
      -days 3650 -out "$PKI/ca.crt" 2>/dev/null
  fi
  ca_sign apiserver /CN=kube-apiserver "subjectAltName=IP:127.0.0.1,IP:$NODE_IP,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc
extendedKeyUsage=serverAuth"
  ca_sign admin /O=system:masters/CN=setup-buildkit-admin 'extendedKeyUsage=clientAuth'
  ca_sign apiserver-kubelet-client /O=system:masters/CN=kube-apiserver-kubelet-client 'extendedKeyUsage=clientAuth'
  ca_sign kubelet /O=system:nodes/CN=system:node:$NODE_NAME 'extendedKeyUsage=clientAuth'
  ca_sign kubelet-serving /CN=$NODE_NAME "subjectAltName=IP:$NODE_IP,DNS:$NODE_NAME
extendedKeyUsage=serverAuth"
  [ -f "$PKI/sa.key" ] || openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  [ -f "$PKI/sa.pub" ] || openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
}

# kubeconfig FILE USER CERT_OR_TOKEN_ARGS...: a kubeconfig for the cluster.
kubeconfig_for() {
  local file=$1 user=$2
  shift 2
  local kc=(kubectl --kubeconfig "$file")
  rm -f "$file"
  "${kc[@]}" config set-cluster setup-buildkit --server "https://127.0.0.1:$APISERVER_PORT" \
    --certificate-authority "$PKI/ca.crt" --embed-certs >/dev/null
  "${kc[@]}" config set-credentials "$user" "$@" >/dev/null
  "${kc[@]}" config set-context setup-buildkit --cluster setup-buildkit --user "$user" --namespace default >/dev/null
  "${kc[@]}" config use-context setup-buildkit >/dev/null
  chmod 600 "$file"
}

# spawn NAME COMMAND...: a component in its own session (it outlives the shell that started it), its
# pid and its command's name in $RUN/NAME.pid (pidfile_pid checks both), its output in $LOGS/NAME.log.
spawn() {
  local name=$1
  shift
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo "$! $(basename "$1")" >"$RUN/$name.pid"
}

# component_pid NAME: the pid of a component spawn started, when it still runs.
component_pid() { pidfile_pid "$RUN/$1.pid" "$(cut -d' ' -f2 "$RUN/$1.pid" 2>/dev/null)"; }

running() { component_pid "$1" >/dev/null; }

# wait_for WHAT SECONDS COMMAND...: polls COMMAND every half second.
wait_for() {
  local what=$1 seconds=$2 i
  shift 2
  for ((i = 0; i < seconds * 2; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  log "$what did not come up within $seconds s (logs: $LOGS)"
  return 1
}

answers() { [ -f "$KUBECONFIG_PATH" ] && kubectl --kubeconfig "$KUBECONFIG_PATH" get --raw /readyz >/dev/null 2>&1 && running kubelet; }

containerd_config() {
  cat >"$RUN/containerd.toml" <<TOML
version = 3
root = "$KCACHE/containerd"
state = "$RUN/containerd"
[grpc]
  address = "$RUN/containerd.sock"
[ttrpc]
  address = "$RUN/containerd.sock.ttrpc"
[debug]
  address = ""
[plugins.'io.containerd.cri.v1.images']
  snapshotter = "overlayfs"
[plugins.'io.containerd.cri.v1.images'.pinned_images]
  sandbox = "$PAUSE_IMAGE"
[plugins.'io.containerd.cri.v1.runtime']
  restrict_oom_score_adj = true
  disable_apparmor = true
  net_ns_mounts_under_state_dir = true
[plugins.'io.containerd.cri.v1.runtime'.cni]
  bin_dirs = ["/usr/lib/cni"]
  conf_dir = "$RUN/net.d"
[plugins.'io.containerd.cri.v1.runtime'.containerd]
  default_runtime_name = "runc"
[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"
[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
  BinaryName = "$BIN29/runc"
  SystemdCgroup = false
[plugins.'io.containerd.grpc.v1.cri']
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
TOML
  mkdir -p "$RUN/net.d"
  cat >"$RUN/net.d/10-setup-buildkit.conflist" <<JSON
{"cniVersion": "1.0.0", "name": "setup-buildkit-k8s", "plugins": [
  {"type": "bridge", "bridge": "$POD_BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$NODE_IP"}]], "dataDir": "$RUN/ipam"}},
  {"type": "loopback"}
]}
JSON
}

kubelet_config() {
  cat >"$RUN/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
healthzBindAddress: 127.0.0.1
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
tlsCertFile: $PKI/kubelet-serving.crt
tlsPrivateKeyFile: $PKI/kubelet-serving.key
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$RUN/containerd.sock
podLogsDir: $STATE/pod-logs
localStorageCapacityIsolation: false
evictionHard: {memory.available: 50Mi, nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
resolvConf: /etc/resolv.conf
YAML
}

# Images the pods run, once per image ID: pause (from its C source) and the harness's BuildKit and
# binfmt images (from engine 20.10).
import_images() {
  local stamp=$KCACHE/containerd/.setup-buildkit-images want=() ref id
  if ! "${CTR[@]}" images ls -q | grep -qxF "$PAUSE_IMAGE"; then
    local dir
    dir=$(mktemp -d)
    gcc -Os -static -o "$dir/pause" "$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | jq -r .Dir)/build/pause/linux/pause.c"
    # A one-file image: the static pause binary, FROM scratch.
    tar -C "$dir" -cf - pause | docker import -c 'ENTRYPOINT ["/pause"]' - "$PAUSE_IMAGE" >/dev/null
    docker save "$PAUSE_IMAGE" | "${CTR[@]}" images import --no-unpack - >/dev/null
    docker rmi "$PAUSE_IMAGE" >/dev/null
    rm -rf "$dir"
  fi
  for ref in "$K8S_BUILDKIT_IMAGE" $(docker images --format '{{.Repository}}:{{.Tag}}' tonistiigi/binfmt); do
    id=$(docker image inspect -f '{{.Id}}' "$ref")
    want+=("$ref $id")
    grep -qxF "$ref $id" "$stamp" 2>/dev/null || { log "importing $ref"; docker save "$ref" | "${CTR[@]}" images import - >/dev/null; }
  done
  printf '%s\n' "${want[@]}" >"$stamp"
}

# The second identity: a ServiceAccount whose Role allows what the driver reads but no deployments.
rbac_nodeploy() {
  local k=(kubectl --kubeconfig "$KUBECONFIG_PATH")
  "${k[@]}" apply -f - >/dev/null <<YAML
apiVersion: v1
kind: ServiceAccount
metadata: {name: nodeploy, namespace: default}
---
apiVersion: v1
kind: Secret
metadata: {name: nodeploy-token, namespace: default, annotations: {kubernetes.io/service-account.name: nodeploy}}
type: kubernetes.io/service-account-token
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: nodeploy, namespace: default}
rules:
- {apiGroups: [""], resources: [configmaps, pods, events], verbs: [get, list, watch, create, delete]}
- {apiGroups: [""], resources: [pods/exec], verbs: [create, get]}
- {apiGroups: [apps], resources: [deployments, statefulsets], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: nodeploy, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: nodeploy}
subjects: [{kind: ServiceAccount, name: nodeploy, namespace: default}]
YAML
  local token=
  for _ in $(seq 1 60); do
    token=$("${k[@]}" -n default get secret nodeploy-token -o jsonpath='{.data.token}' 2>/dev/null | base64 -d) && [ -n "$token" ] && break
    sleep 0.5
  done
  [ -n "$token" ] || { log "the nodeploy ServiceAccount got no token"; return 1; }
  kubeconfig_for "$KUBECONFIG_NODEPLOY" nodeploy --token "$token"
}

start() {
  build
  answers && return 0
  apt_install jq iproute2 openssl gcc containernetworking-plugins
  local t0=$SECONDS bin
  bin=$(binary_path)
  # A previous start that died half-way: its processes go first.
  stop_components
  mkdir -p "$RUN" "$STATE" "$LOGS" "$(dirname "$KUBECONFIG_PATH")"
  certificates
  # kubelet's kernel settings: recorded once, before anything of ours changed them.
  [ -f "$STATE/sysctls" ] || for s in "${SYSCTLS[@]}"; do echo "$s=$(sysctl -n "$s")"; done >"$STATE/sysctls"
  # The pods' bridge exists before kubelet, with the node's address on it: kubelet and the API server
  # advertise that address (they refuse a loopback one); the CNI bridge plugin adopts the bridge.
  if ! ip link show "$POD_BRIDGE" >/dev/null 2>&1; then
    ip link add "$POD_BRIDGE" type bridge
    ip addr add "$NODE_IP/24" dev "$POD_BRIDGE"
  fi
  ip link set "$POD_BRIDGE" up
  containerd_config
  kubelet_config
  PATH="$BIN29:$PATH" spawn containerd "$BIN29/containerd" --config "$RUN/containerd.toml"
  wait_for containerd 30 "${CTR[@]}" version
  import_images
  rm -rf "$STATE/etcd"
  spawn etcd "$bin" etcd "$STATE/etcd" "$ETCD_CLIENT" "$ETCD_PEER"
  spawn kube-apiserver "$bin" kube-apiserver --etcd-servers="$ETCD_CLIENT" \
    --bind-address=127.0.0.1 --secure-port="$APISERVER_PORT" --advertise-address="$NODE_IP" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" --client-ca-file="$PKI/ca.crt" \
    --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc --service-cluster-ip-range=10.96.0.0/24 \
    --authorization-mode=Node,RBAC --allow-privileged=true --profiling=false --kubelet-preferred-address-types=InternalIP
  kubeconfig_for "$KUBECONFIG_PATH" admin --client-certificate "$PKI/admin.crt" --client-key "$PKI/admin.key" --embed-certs
  local admin=$RUN/admin.kubeconfig
  cp "$KUBECONFIG_PATH" "$admin"
  kubeconfig_for "$RUN/kubelet.kubeconfig" "system:node:$NODE_NAME" --client-certificate "$PKI/kubelet.crt" --client-key "$PKI/kubelet.key" --embed-certs
  wait_for kube-apiserver 90 kubectl --kubeconfig "$admin" get --raw /readyz
  spawn kube-controller-manager "$bin" kube-controller-manager --kubeconfig="$admin" --authentication-kubeconfig="$admin" \
    --authorization-kubeconfig="$admin" --bind-address=127.0.0.1 --secure-port=10257 --leader-elect=false \
    --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" --use-service-account-credentials=false \
    --controllers='*'
  spawn kube-scheduler "$bin" kube-scheduler --kubeconfig="$admin" --authentication-kubeconfig="$admin" \
    --authorization-kubeconfig="$admin" --bind-address=127.0.0.1 --secure-port=10259 --leader-elect=false
  PATH="$BIN29:$PATH" spawn kubelet "$bin" kubelet --config="$RUN/kubelet.yaml" --kubeconfig="$RUN/kubelet.kubeconfig" \
    --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" --root-dir="$STATE/kubelet" --cert-dir="$STATE/kubelet/pki"
  wait_for "node $NODE_NAME Ready" 120 kubectl --kubeconfig "$admin" wait --for=condition=Ready "node/$NODE_NAME" --timeout=1s
  wait_for "the default ServiceAccount" 60 kubectl --kubeconfig "$admin" -n default get serviceaccount default
  rbac_nodeploy
  log "Kubernetes $K8S_VERSION answers (kubeconfig $KUBECONFIG_PATH, started in $((SECONDS - t0)) s)"
}

# Ends what start started, in the reverse order; what is not running is skipped.
stop_components() {
  local name pid
  for name in kubelet kube-scheduler kube-controller-manager kube-apiserver etcd; do
    pid=$(component_pid "$name") || continue
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do [ -d "/proc/$pid" ] || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$RUN/$name.pid"
  done
}

stop() {
  # The pods go through kubelet first, so that their networks are torn down by CNI.
  if answers; then
    local k=(kubectl --kubeconfig "$KUBECONFIG_PATH")
    "${k[@]}" delete deployments,statefulsets,replicasets --all --all-namespaces --wait=false >/dev/null 2>&1 || true
    "${k[@]}" delete pods --all --all-namespaces --grace-period=1 --timeout=60s >/dev/null 2>&1 || true
  fi
  stop_components
  # Whatever kubelet left: the containers' tasks, then containerd itself.
  if running containerd; then
    local id
    for id in $("${CTR[@]}" tasks ls -q 2>/dev/null); do "${CTR[@]}" tasks kill -s KILL "$id" >/dev/null 2>&1 || true; done
    sleep 1
    for id in $("${CTR[@]}" containers ls -q 2>/dev/null); do
      "${CTR[@]}" tasks delete -f "$id" >/dev/null 2>&1 || true
      "${CTR[@]}" containers delete "$id" >/dev/null 2>&1 || true
    done
    local pid
    pid=$(component_pid containerd)
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do [ -d "/proc/$pid" ] || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/containerd.pid"
  # Mounts left under kubelet's and containerd's directories (volumes, network namespaces, rootfs).
  local m
  for m in $(awk -v a="$STATE/kubelet" -v b="$RUN" -v c="$KCACHE/containerd" '$2 ~ "^("a"|"b"|"c")" {print $2}' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  ip link delete "$POD_BRIDGE" 2>/dev/null || true
  rm -rf "$STATE/etcd" "$RUN"
  # The cgroups kubelet made (cgroup v1: one tree per controller), deepest first.
  find /sys/fs/cgroup/*/kubepods -depth -type d -exec rmdir {} \; 2>/dev/null || true
  # kubelet's kernel settings back as they were before start.
  if [ -f "$STATE/sysctls" ]; then
    local line
    while read -r line; do sysctl -q -w "$line" >/dev/null; done <"$STATE/sysctls"
    rm -f "$STATE/sysctls"
  fi
  rm -f "$KUBECONFIG_PATH" "$KUBECONFIG_NODEPLOY"
  log "Kubernetes stopped"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 build|start|stop" >&2; exit 2 ;;
esac

#!/bin/sh
# Container entrypoint: starts one node with its Raft identity derived from the StatefulSet.
#
# A StatefulSet pod is named <set>-<ordinal> and, through the headless Service, reachable as
# <set>-<ordinal>.<service>.<namespace>.svc. So pod pushgateway-1 becomes --node.id=pushgateway-1
# with --raft.peers=pushgateway-0=pushgateway-0.<domain>:<port>,...,pushgateway-2=... .
#
#   PGW_REPLICAS       members of the group (the StatefulSet's replicas)        default 3
#   PGW_PEER_SERVICE   the headless Service                                    default pushgateway-peers
#   PGW_POD_NAMESPACE  the pod's namespace (downward API)                      default default
#   PGW_PEER_DOMAIN    overrides <service>.<namespace>.svc
#   PGW_RAFT_PORT      the Raft (gRPC) port of every member                    default 19091
#   PGW_DNS_WAIT       seconds to wait for the own peer name to resolve        default 120
# Setting PGW_RAFT_PEERS (or passing --raft.peers) skips the derivation. Arguments go to the node.
set -eu

home="${PGW_HOME:-/opt/pgw}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { echo "entrypoint: $*" >&2; exit 2; }

if [ -z "${PGW_RAFT_PEERS:-}" ]; then
  pod="${PGW_POD_NAME:-${HOSTNAME:-$(hostname)}}"
  set_name="${pod%-*}"
  ordinal="${pod##*-}"
  case "$ordinal" in
    '' | *[!0-9]*) die "pod name \"$pod\" is not <statefulset>-<ordinal>" ;;
  esac
  replicas="${PGW_REPLICAS:-3}"
  case "$replicas" in
    '' | *[!0-9]*) die "PGW_REPLICAS=\"$replicas\" is not a number" ;;
  esac
  [ "$ordinal" -lt "$replicas" ] ||
    die "pod $pod has ordinal $ordinal, but PGW_REPLICAS=$replicas: scale the group by re-forming it (deploy/README.md)"
  domain="${PGW_PEER_DOMAIN:-${PGW_PEER_SERVICE:-pushgateway-peers}.${PGW_POD_NAMESPACE:-default}.svc}"
  port="${PGW_RAFT_PORT:-19091}"
  peers=""
  i=0
  while [ "$i" -lt "$replicas" ]; do
    peers="$peers${peers:+,}$set_name-$i=$set_name-$i.$domain:$port"
    i=$((i + 1))
  done
  export PGW_NODE_ID="$pod" PGW_RAFT_PEERS="$peers"
  # The Raft server binds to its own peer address, which exists in DNS only once the headless
  # Service has published this pod; right after a (re)schedule that can take a few seconds.
  self="$set_name-$ordinal.$domain"
  waited=0
  until getent hosts "$self" >/dev/null 2>&1; do
    [ "$waited" -lt "${PGW_DNS_WAIT:-120}" ] || die "$self does not resolve after ${waited}s"
    sleep 1
    waited=$((waited + 1))
  done
  echo "entrypoint: node $PGW_NODE_ID, peers $PGW_RAFT_PEERS" >&2
fi

# exec: the JVM becomes PID 1's replacement and receives SIGTERM itself (clean shutdown).
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
exec "$java" ${JAVA_OPTS:-} -jar "$home/pgw-node.jar" "$@"

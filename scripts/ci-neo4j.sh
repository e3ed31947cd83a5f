#!/usr/bin/env bash
# What .ci/run calls before the tests: makes sure this machine can run the
# local Neo4j the test setup starts (java, javac, mvn present; the Neo4j
# 5.26 jars fetched through Maven, retried, cached in ~/.m2 and .neo4j/lib),
# then starts one once to print its version in the log and stops it again.
# Exit code non-zero when Neo4j cannot be made to run: CI must not go on
# with REQUIRE_NEO4J=1 and a missing server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for tool in java javac mvn node; do
  command -v "$tool" >/dev/null || { echo "ci-neo4j: $tool not found" >&2; exit 1; }
done
# Not `java -version | head -1`: under pipefail a closed pipe fails the script.
out="$(java -version 2>&1)"; printf '%s\n' "${out%%$'\n'*}"

fetched=0
for attempt in 1 2 3; do
  if timeout 1200 bash scripts/neo4j fetch; then fetched=1; break; fi
  echo "ci-neo4j: fetch attempt $attempt failed; retrying" >&2
  sleep $((attempt * 15))
done
[[ $fetched == 1 ]] || { echo "ci-neo4j: could not fetch the Neo4j jars through Maven" >&2; exit 1; }

dir="$(mktemp -d)"
trap 'NEO4J_LOCAL_DIR="$dir" bash scripts/neo4j stop || true; rm -rf "$dir"' EXIT
NEO4J_LOCAL_DIR="$dir" bash scripts/neo4j start
echo "ci-neo4j: $(NEO4J_LOCAL_DIR="$dir" bash scripts/neo4j version) starts and answers on Bolt"

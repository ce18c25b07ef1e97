#!/usr/bin/env bash
# Installs the real parts the tests use (socat for serial PTY pairs, ...).
# Idempotent; runs apt-get only for what is missing. The tests never skip
# for a missing tool: they fail, so this script must install it.
set -euo pipefail
need=()
command -v socat >/dev/null 2>&1 || need+=(socat)
if [ ${#need[@]} -gt 0 ]; then
  echo "test-setup: installing ${need[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# MQTT tests (link/mqtt*_test.go, e2e link_mqtt) start their own mosquitto
# broker on a free loopback port; mosquitto_passwd builds its password file,
# mosquitto_pub probes it; the HTTP e2e scripts drive c3link with curl.
mq=()
{ command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; } || mq+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || mq+=(mosquitto-clients)
command -v curl >/dev/null 2>&1 || mq+=(curl)
if [ ${#mq[@]} -gt 0 ]; then
  echo "test-setup: installing ${mq[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${mq[@]}" >/dev/null
fi

#!/usr/bin/env bash
# Installs the real parts the tests use. Idempotent; runs apt-get once, and
# only for what is missing. The tests never skip for a missing tool: they
# fail, so this script must install it.
#   socat                 serial tests run over socat PTY pairs
#   mosquitto (+clients)  MQTT tests start their own broker on a free loopback
#                         port; mosquitto_passwd builds its password file
#   curl                  the HTTP e2e scripts drive c3link with it
#   zsh, fish             e2e/testdata/cli_help.txtar runs the generated
#                         completion scripts in them
#   script (bsdutils)     e2e runs stages on a real terminal with script(1)
#   python3               an independent HTTP server (http.server) for the
#                         accessor e2e test
set -euo pipefail
need=()
command -v socat >/dev/null 2>&1 || need+=(socat)
{ command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; } || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v zsh >/dev/null 2>&1 || need+=(zsh)
command -v fish >/dev/null 2>&1 || need+=(fish)
command -v script >/dev/null 2>&1 || need+=(bsdutils)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "test-setup: installing ${need[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

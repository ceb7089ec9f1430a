#!/usr/bin/env bash
# Installs and starts a real CUPS print server with a PDF printer, for the printing tests
# (test/unit/core/printing/cups-printer.test.ts). .ci/run calls it as root on Debian; run it by hand
# on a developer machine the same way. Idempotent: a second run changes nothing and says so.
#
#   - installs cups, printer-driver-cups-pdf, qpdf, poppler-utils (and liblcms2-utils, whose transicc
#     checks the sRGB profile of the PDF/A case document), apt-get update first
#   - starts cupsd without systemd when no scheduler is running (CI containers have no init)
#   - job files and job history are not kept (a kiosk prints personal data; see docs/printing.md)
#   - creates the queue kiosk-pdf (cups-pdf backend), enabled and accepting jobs
#   - prints the folder where cups-pdf writes the PDFs
#
# Environment: KIOSK_PRINTER (queue name, default kiosk-pdf).
set -euo pipefail

PRINTER="${KIOSK_PRINTER:-kiosk-pdf}"
log() { printf '== install-cups: %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "install-cups: must run as root (it installs packages and configures cupsd)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "install-cups: needs a Debian-based system (apt-get)" >&2
  exit 1
fi

# --- packages ------------------------------------------------------------------------------------
pkgs=(cups cups-client cups-bsd printer-driver-cups-pdf qpdf poppler-utils liblcms2-utils)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "packages already installed"
fi

# --- cupsd.conf: keep no job files or history (idempotent: set the keys, never append twice) -----
conf=/etc/cups/cupsd.conf
changed=0
set_directive() {
  local key="$1" value="$2"
  if grep -Eq "^[[:space:]]*${key}[[:space:]]+${value}[[:space:]]*$" "$conf"; then return; fi
  if grep -Eq "^[[:space:]]*#?[[:space:]]*${key}[[:space:]]" "$conf"; then
    sed -i -E "s|^[[:space:]]*#?[[:space:]]*${key}[[:space:]].*$|${key} ${value}|" "$conf"
  else
    printf '%s %s\n' "$key" "$value" >>"$conf"
  fi
  changed=1
}
set_directive PreserveJobFiles No
set_directive PreserveJobHistory No

# --- the scheduler -------------------------------------------------------------------------------
scheduler_running() { lpstat -r 2>/dev/null | grep -q 'scheduler is running'; }

start_cupsd() {
  mkdir -p /run/cups /var/spool/cups /var/cache/cups /var/log/cups
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl restart cups
  else
    # no init system (containers, CI): run the daemon ourselves, detached; it forks into the background
    cupsd -c "$conf"
  fi
  for _ in $(seq 1 100); do scheduler_running && return 0; sleep 0.1; done
  echo "install-cups: cupsd did not come up (see /var/log/cups/error_log)" >&2
  tail -n 20 /var/log/cups/error_log >&2 2>/dev/null || true
  exit 1
}

if scheduler_running; then
  if [ "$changed" -eq 1 ]; then
    # cupsctl hands the settings to the running scheduler, which rewrites cupsd.conf and restarts
    # itself: no process is killed by name
    log "applying PreserveJobFiles/PreserveJobHistory to the running scheduler"
    cupsctl PreserveJobFiles=No PreserveJobHistory=No
    for _ in $(seq 1 100); do scheduler_running && break; sleep 0.1; done
  else
    log "scheduler already running"
  fi
else
  log "starting cupsd"
  start_cupsd
fi
scheduler_running || { echo "install-cups: scheduler is not running" >&2; exit 1; }

# --- the PDF queue -------------------------------------------------------------------------------
model=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt\.ppd/ { print $1; exit }')
if [ -z "$model" ]; then model=$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ { print $1; exit }'); fi
if [ -z "$model" ]; then
  echo "install-cups: no cups-pdf model found by 'lpinfo -m' (is printer-driver-cups-pdf installed?)" >&2
  exit 1
fi
if lpstat -p "$PRINTER" >/dev/null 2>&1; then
  log "queue $PRINTER exists"
else
  log "creating queue $PRINTER (model $model)"
  lpadmin -p "$PRINTER" -v cups-pdf:/ -m "$model" -o media=A4 -o printer-error-policy=stop-printer
fi
# always leave it usable: enabled and accepting (a test that stopped it may have been killed)
cupsenable "$PRINTER"
cupsaccept "$PRINTER"
lpstat -p "$PRINTER"

# --- where the PDFs land -------------------------------------------------------------------------
out=$(awk '/^[[:space:]]*Out[[:space:]]/ { print $2; exit }' /etc/cups/cups-pdf.conf 2>/dev/null || true)
out=${out:-'${HOME}/PDF'}
anon=$(awk '/^[[:space:]]*AnonDirName[[:space:]]/ { print $2; exit }' /etc/cups/cups-pdf.conf 2>/dev/null || true)
anon=${anon:-/var/spool/cups-pdf/ANONYMOUS}
log "cups-pdf writes a job of user U to: ${out} (\${HOME} = U's home, \${USER} = U); anonymous jobs to ${anon}"
log "for $(id -un): $(printf '%s' "$out" | sed -e "s|\${HOME}|$HOME|g" -e "s|\${USER}|$(id -un)|g")"

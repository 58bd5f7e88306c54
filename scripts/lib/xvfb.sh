# Sourced by scripts/test and scripts/test-windows: starts a private Xvfb for the windowed mechanisms
# (the X11 CLIPBOARD selection on Linux; hidden top-level windows and the clipboard under Wine).
#   start_xvfb   starts it on the first free display (-displayfd: the first number whose lock file it
#                can take, so two runs never share one), waits until it accepts an X11 connection
#                (scripts/lib/x11_probe.py), within 20 s, and exports DISPLAY. Sets xvfb_answer to the
#                display number, or on failure to why (one line) and returns 1. Call it directly, not
#                in $(...): it sets variables of the calling shell. stop_xvfb ends it.
start_xvfb() {
  xvfb_log="$(mktemp)" xvfb_display="$(mktemp)"
  Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$xvfb_display" >"$xvfb_log" 2>&1 &
  xvfb_pid=$!
  local deadline=$((SECONDS + 20)) number="" line
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$xvfb_pid" 2>/dev/null; then
      xvfb_answer="exited at start: $(tail -3 "$xvfb_log" | paste -sd' ' -)"
      return 1
    fi
    if [ -z "$number" ] && read -r line < "$xvfb_display"; then
      number="$line"
    fi
    if [ -n "$number" ] && python3 "$(dirname "${BASH_SOURCE[0]}")/x11_probe.py" "$number" 2>/dev/null; then
      export DISPLAY=":$number"
      xvfb_answer="$number"
      return 0
    fi
    sleep 0.2
  done
  xvfb_answer="did not accept an X11 connection within 20 s (display ${number:-not reported})"
  return 1
}

stop_xvfb() {
  [ -z "${xvfb_pid:-}" ] || kill "$xvfb_pid" 2>/dev/null
  rm -f "${xvfb_log:-}" "${xvfb_display:-}"
}

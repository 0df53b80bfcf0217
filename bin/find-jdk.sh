# Sourced by ./jgrad and .ci/run: exports JAVA_HOME as a JDK 25+ (JAVA_HOME if it qualifies,
# else the javac on PATH, else the first one under /usr/lib/jvm), or fails with a clear message.
jdk_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }
is25() { [ -x "$1/bin/javac" ] && [ "$(jdk_major "$1/bin/java")" -ge 25 ] 2>/dev/null; }

if [ -n "${JAVA_HOME:-}" ] && is25 "$JAVA_HOME"; then
  :
elif command -v javac >/dev/null && is25 "$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"; then
  export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
else
  for d in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if is25 "$d"; then export JAVA_HOME="$d"; break; fi
  done
fi
if ! is25 "${JAVA_HOME:-/nonexistent}"; then
  echo "error: jgrad needs a JDK 25 or newer; none found (looked at JAVA_HOME, PATH and /usr/lib/jvm)" >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"

# Sourced by ./hindsight, ./test and .ci/run: selects a JDK 21 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME if it is 21+, then `java` on the PATH if it is 21+, then the newest JDK under /usr/lib/jvm.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1 && [ "$(java_major java)" -ge 21 ] 2>/dev/null; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    export JAVA_HOME
    return 0
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/javac" ] || continue
    major="$(java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "Hindsight needs a JDK 21 or newer; none found (java on the PATH is $(java_major java 2>/dev/null || echo missing))." >&2
    echo "Install one (e.g. apt-get install openjdk-21-jdk) or point JAVA_HOME at it." >&2
    return 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
}

select_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"

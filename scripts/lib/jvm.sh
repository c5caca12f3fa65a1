# Sourced by the launchers: builds the project when a jar is older than the sources, and keeps a class-data
# archive (JDK application CDS) per class path so that later calls map their classes instead of reading them
# from ~300 jars (about a second less per call, a tenth of the read calls).

# build_if_stale JAR "MAVEN ARGS" "OTHER BUILT FILES" SOURCE...: runs `mvn package -DskipTests MAVEN ARGS` when
# JAR or another built file is missing, or a SOURCE (pom or source folder relative to the project, globs allowed)
# holds a file newer than JAR.
build_if_stale() {
  local jar="$1" mvn_args="$2" built="$3"; shift 3
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local f missing="" sources=()
  for f in "$jar" $built; do [ -f "$f" ] || missing=1; done
  for f in "$@"; do
    for f in "$root"/$f; do [ -e "$f" ] && sources+=("$f"); done
  done
  if [ -n "$missing" ] || [ -n "$(find "${sources[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "$(basename "$0"): building the project once (mvn package -DskipTests), this takes a minute or two..." >&2
    # shellcheck disable=SC2086
    (cd "$root" && mvn -B -q package -DskipTests $mvn_args) >&2
    # Maven leaves a jar whose own module did not change as it was: mark it built, or every call would rebuild
    touch "$jar"
  fi
}

# class_archive_opts NAME CLASSPATH [ARGS...]: prints the JVM options that use this class path's archive, or that
# write it at the end of this call when there is none yet and ARGS ask for work, not only --help or --version (the
# archive holds the classes the call that wrote it loaded). One call writes it at a time (a lock holding its pid); a
# damaged or foreign archive is ignored by the JVM (-Xshare:auto), never fatal. DIGIT_OCR_CDS=0 turns it off.
class_archive_opts() {
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local name; name="$1-$(echo "$root" | sha1sum | cut -c1-8)"
  local cp="$2"
  [ "${DIGIT_OCR_CDS:-1}" = 1 ] || return 0
  local dir="${DIGIT_OCR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/digit-ocr}/cds"
  mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
  local key stamps="" j
  for j in ${cp//:/ }; do
    case "$j" in "$root"/*) stamps+="$(stat -c '%s %Y' "$j" 2>/dev/null) " ;; esac
  done
  local java; java="$(readlink -f "$(command -v java)")"
  key="$name-$(echo "$java $(stat -c %Y "$java") $cp $stamps" | sha1sum | cut -c1-16)"
  local archive="$dir/$key.jsa" lock="$dir/$key.lock"
  if [ -d "$lock" ]; then
    # a call that is still writing the archive: neither use nor write it
    kill -0 "$(cat "$lock/pid" 2>/dev/null || echo 0)" 2>/dev/null && return 0
    rm -rf "$lock"
  fi
  if [ -f "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
  elif [ "$#" -gt 2 ] && [[ ! " ${*:3} " =~ \ (-h|--help|-V|--version)\  ]] && mkdir "$lock" 2>/dev/null; then
    echo $$ >"$lock/pid"   # the launcher execs java: this pid is the JVM's
    # archives of this installation's earlier builds, and the locks of calls that wrote them and have ended
    find "$dir" -name "$name-*.jsa" -delete 2>/dev/null || true
    local old
    for old in "$dir/$name"-*.lock; do
      [ "$old" = "$lock" ] || [ ! -d "$old" ] || kill -0 "$(cat "$old/pid" 2>/dev/null || echo 0)" 2>/dev/null \
        || rm -rf "$old"
    done
    echo "-XX:ArchiveClassesAtExit=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

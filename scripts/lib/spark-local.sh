# Sourced by scripts/extract-job and scripts/train-job: runs a digit-ocr Spark job class in Spark local mode
# from the Maven build (no cluster, no Spark installation). Usage: spark_local MAIN_CLASS ARGS...
# SPARK_MASTER (default local[2]) picks the master; settings come from conf/spark-defaults.conf.
spark_local() {
  local main="$1"; shift
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local target="$root/spark-jobs/target"
  local jar="$target/spark-jobs-0.1.0-SNAPSHOT.jar"
  source "$root/scripts/lib/jvm.sh"
  build_if_stale "$jar" "-Dshade.skip=true -pl spark-jobs -am" "$target/classpath.txt $target/classpath-provided.txt" \
    pom.xml pipeline-core/pom.xml 'pipeline-core/*/pom.xml' 'pipeline-core/*/src/main' spark-jobs/pom.xml spark-jobs/src/main
  local classpath="$jar:$(cat "$target/classpath.txt"):$(cat "$target/classpath-provided.txt")"
  # conf/spark-defaults.conf as system properties (SparkConf reads spark.* properties); the driver's JVM
  # options are this JVM's own.
  local props=() driver_opts="" key value
  while read -r key value; do
    case "$key" in
      ''|'#'*) ;;
      spark.driver.extraJavaOptions) driver_opts="$value" ;;
      *) props+=("-D$key=$value") ;;
    esac
  done < "$root/conf/spark-defaults.conf"
  source "$root/scripts/lib/openblas.sh"
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  # shellcheck disable=SC2086,SC2046
  exec java ${SPARK_JOB_JAVA_OPTS:--Xmx3g} $(class_archive_opts "$(basename "$0")" "$classpath" "$@") $driver_opts "${props[@]}" \
    -Dspark.master="${SPARK_MASTER:-local[2]}" -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    -Dorg.bytedeco.javacpp.cachedir="${JAVACPP_CACHE:-$HOME/.cache/digit-ocr/javacpp}" \
    -Ddigitocr.home="$root" -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
    -cp "$classpath" \
    "$main" "$@"
}

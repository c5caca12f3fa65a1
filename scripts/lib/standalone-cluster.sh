# Sourced by scripts/bench.sh: a Spark standalone cluster on 127.0.0.1 (one master, WORKERS workers of one core
# each, every one its own JVM) from the Maven build, no Spark download: a throw-away SPARK_HOME whose jars/ links
# the jars of a Spark 3.5 distribution (spark-jobs/spark-dist). Runs the application jar on it with SparkSubmit.
#   standalone_start DIR WORKERS; standalone_submit DIR JOB_ARGS...; standalone_stop DIR
standalone_classpath() {
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local cp="$root/spark-jobs/spark-dist/target/spark-classpath.txt" jar="$root/spark-jobs/target/spark-jobs-0.1.0-SNAPSHOT-app.jar"
  source "$root/scripts/lib/jvm.sh"
  build_if_stale "$jar" "-pl spark-jobs,spark-jobs/spark-dist -am" "$cp" pom.xml pipeline-core/pom.xml \
    'pipeline-core/*/pom.xml' 'pipeline-core/*/src/main' spark-jobs/pom.xml spark-jobs/src/main >&2
  cat "$cp"
}

standalone_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

standalone_start() {
  local dir="$1" workers="$2" cp port i
  cp="$(standalone_classpath)"
  mkdir -p "$dir/spark-home/jars" "$dir/logs"
  tr ':' '\n' <<<"$cp" | while read -r j; do ln -sf "$j" "$dir/spark-home/jars/"; done
  port="$(standalone_free_port)"
  echo "spark://127.0.0.1:$port" >"$dir/master-url"
  local env=(env SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1)
  "${env[@]}" java -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
    --webui-port "$(standalone_free_port)" >"$dir/logs/master.log" 2>&1 &
  echo $! >"$dir/pids"
  for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
  for i in $(seq 1 "$workers"); do
    "${env[@]}" java -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 4g \
      --webui-port "$(standalone_free_port)" --work-dir "$dir/worker-$i" "spark://127.0.0.1:$port" \
      >"$dir/logs/worker-$i.log" 2>&1 &
    echo $! >>"$dir/pids"
  done
  for _ in $(seq 1 120); do
    [ "$(grep -l "Successfully registered with master" "$dir"/logs/worker-*.log 2>/dev/null | wc -l)" -ge "$workers" ] && return 0
    sleep 0.5
  done
  echo "standalone cluster: workers did not register; see $dir/logs" >&2
  return 1
}

standalone_submit() {
  local dir="$1"; shift
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local defaults="$root/conf/spark-defaults.conf" cp
  cp="$(standalone_classpath)"
  setting() { sed -n "s/^$1[[:space:]]\{1,\}//p" "$defaults"; }
  # shellcheck disable=SC2046
  env SPARK_HOME="$dir/spark-home" SPARK_LOCAL_IP=127.0.0.1 java -Xmx3g $(setting spark.driver.extraJavaOptions) \
    -Dlog4j2.configurationFile="file:$root/conf/log4j2.properties" \
    -cp "$cp" org.apache.spark.deploy.SparkSubmit --master "$(cat "$dir/master-url")" \
    --properties-file "$defaults" --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false --conf spark.executor.cores=1 --conf spark.cores.max=2 \
    --conf "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1" \
    --conf "spark.executor.extraJavaOptions=$(setting spark.executor.extraJavaOptions) -Dlog4j2.configurationFile=file:$root/conf/log4j2.properties" \
    --class org.digitocr.spark.ExtractJob "$root/spark-jobs/target/spark-jobs-0.1.0-SNAPSHOT-app.jar" \
    --templates "$root/conf/templates" "$@"
}

standalone_stop() {
  local dir="$1" pid
  [ -f "$dir/pids" ] || return 0
  while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$dir/pids"
  wait 2>/dev/null || true
  rm -f "$dir/pids"
}

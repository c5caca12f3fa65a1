#!/usr/bin/env bash
# The whole spark-submit of a night's extraction on a Spark standalone cluster, as a scheduler runs it:
#   SPARK_HOME=/opt/spark MASTER=spark://master:7077 [DEPLOY_MODE=client|cluster] \
#     scripts/spark-submit-example.sh --input hdfs:///scans/2026-12-05/ --output hdfs:///warehouse/ocr \
#       --run-id 2026-12-05 --incremental [--templates hdfs:///ocr/templates/] [--model hdfs:///ocr/models/x]
# The application jar comes from `mvn -B package -DskipTests` (APP_JAR overrides it; in cluster mode it must be
# where every worker reads it, e.g. hdfs://). It carries the forms model; --model or a model shipped with
# --archives model.tgz#model and `--model model` replace it. Settings: conf/spark-defaults.conf (Java 17 opens,
# Vector API, one ND4J thread per task, natives unpacked under the executors' work folders), logging:
# conf/log4j2.properties on the driver and the executors, in client and cluster mode. DRY_RUN=1 prints the
# command instead of running it. Exit codes are ExtractJob's (docs/spark.md): 0, 1, 2 all rejected, 3 over
# --max-reject-rate.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${DEPLOY_MODE:-client}"
jar="${APP_JAR:-$root/spark-jobs/target/spark-jobs-0.1.0-SNAPSHOT-app.jar}"
defaults="$root/conf/spark-defaults.conf"
setting() { sed -n "s/^$1[[:space:]]\{1,\}//p" "$defaults"; }

# --conf replaces a setting of the properties file, so the JVM options are spark-defaults.conf's plus the
# logging configuration: a file on this machine for a client-mode driver, the copy --files puts in the
# working folder of a cluster-mode driver and of every executor.
if [ "$mode" = client ]; then
  driver_log="-Dlog4j2.configurationFile=file:$root/conf/log4j2.properties"
else
  driver_log="-Dlog4j2.configurationFile=log4j2.properties"
fi
args=("$@")
case " $* " in *" --templates"*) ;; *) args+=(--templates "$root/conf/templates") ;; esac

cmd=("${SPARK_HOME:?set SPARK_HOME to a Spark 3.5 installation}/bin/spark-submit"
  --master "${MASTER:?set MASTER, e.g. spark://master:7077}" --deploy-mode "$mode"
  --name "digit-ocr extract"
  --properties-file "$defaults"
  --files "$root/conf/log4j2.properties"
  --conf "spark.driver.extraJavaOptions=$(setting spark.driver.extraJavaOptions) $driver_log"
  --conf "spark.executor.extraJavaOptions=$(setting spark.executor.extraJavaOptions) -Dlog4j2.configurationFile=log4j2.properties"
  --class org.digitocr.spark.ExtractJob "$jar" "${args[@]}")
if [ -n "${DRY_RUN:-}" ]; then
  printf '%q ' "${cmd[@]}"; echo
else
  exec "${cmd[@]}"
fi

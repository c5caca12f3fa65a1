package org.digitocr.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster of one master and one worker, each its own JVM on 127.0.0.1, started from the
 * Maven test classpath (no Spark download): a throw-away SPARK_HOME whose {@code jars/} links the classpath's
 * jars gives the worker's executors the same classes; class directories go on the executor class path.
 */
final class StandaloneCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final String classDirs;
    private int masterPort;

    private StandaloneCluster(String classDirs) {
        this.classDirs = classDirs;
    }

    static StandaloneCluster start(Path work, int workerCores, String workerMemory) throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path home = Files.createDirectories(work.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        List<String> dirs = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                dirs.add(p.toAbsolutePath().toString());
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            }
        }
        StandaloneCluster c = new StandaloneCluster(String.join(File.pathSeparator, dirs));
        c.masterPort = freePort();
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.12",
                "SPARK_LOCAL_IP", "127.0.0.1");
        String fullCp = cp;
        c.launch(work.resolve("master.log"), env, fullCp, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(c.masterPort), "--webui-port", String.valueOf(freePort()));
        waitFor(c.masterPort, work.resolve("master.log"));
        c.launch(work.resolve("worker.log"), env, fullCp, "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--cores", String.valueOf(workerCores), "--memory", workerMemory,
                "--webui-port", String.valueOf(freePort()), "--work-dir", work.resolve("worker").toString(),
                c.masterUrl());
        return c;
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Driver settings for an application on this cluster. */
    String[] sparkConf(String executorMemory) {
        return new String[] {
                "spark.executor.extraClassPath", classDirs,
                "spark.executor.memory", executorMemory,
                "spark.executor.extraJavaOptions", String.join(" ", jvmOptions()),
                "spark.executorEnv.OMP_NUM_THREADS", "1",
                "spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1",
                "spark.cores.max", "2"};
    }

    private void launch(Path log, Map<String, String> env, String cp, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(main);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        processes.add(pb.start());
    }

    private static List<String> jvmOptions() {
        List<String> opts = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-modules") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dorg.bytedeco")) {
                opts.add(a);
            }
        }
        return opts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitFor(int port, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IOException("Spark master did not start on port " + port + "; see " + log);
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).descendants().forEach(ProcessHandle::destroy);
            processes.get(i).destroy();
        }
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.digitocr.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code digit-ocr} in a JVM of its own, with this JVM's class path and options: a process a test can kill. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code digit-ocr args...}, its output (stdout and stderr) to {@code output}, or discarded when null. */
    public static Process start(List<String> args, Path output) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-D") || a.startsWith("-Xmx")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output == null
                ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile())).start();
    }
}

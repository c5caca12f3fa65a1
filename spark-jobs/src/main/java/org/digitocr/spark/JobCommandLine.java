package org.digitocr.spark;

import java.util.Arrays;

import picocli.CommandLine;

/**
 * Runs a job's command line the way users expect from a scheduled job: an error they can cause (a missing input,
 * a bad option, an output path that is a file) is one line naming it, exit code 1; the stack trace only with
 * {@code --verbose}.
 */
final class JobCommandLine {
    private JobCommandLine() {
    }

    static int run(Object job, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
        return new CommandLine(job).setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + (e.getMessage() == null ? e : e.getMessage()));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(--verbose shows where it happened)");
            }
            return 1;
        }).execute(rest);
    }
}

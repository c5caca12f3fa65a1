package org.digitocr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code scripts/digit-ocr}: dispatches to the sub-commands. */
@Command(name = "digit-ocr", mixinStandardHelpOptions = true, version = "digit-ocr 0.1.0",
        description = "Reads handwritten digits: train, evaluate and run the reference CNN.",
        subcommands = {ExtractCommand.class, SamplesCommand.class, TrainCommand.class, EnsembleCommand.class,
                EvaluateCommand.class, PredictCommand.class, ReviewCommand.class, TemplateCommand.class, ChequesCommand.class,
                BenchCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests and launchers). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + (e.getMessage() == null ? e : e.getMessage()));
                    org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
                    return 1;
                })
                .execute(args);
    }
}

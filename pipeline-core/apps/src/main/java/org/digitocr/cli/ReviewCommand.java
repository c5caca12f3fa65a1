package org.digitocr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.digitocr.review.CorrectionsLog;
import org.digitocr.review.FieldRules;
import org.digitocr.review.ReviewExport;
import org.digitocr.review.ReviewRun;
import org.digitocr.review.ReviewServer;
import org.digitocr.review.ReviewStation;
import org.digitocr.review.ReviewSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code digit-ocr review}: the review station over a run's output in a browser, or with {@code --export} the run's
 * values with the decisions applied.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Review the fields a run sent to review, in a browser (Fields and Digits-by-class views);"
                + " decisions go to a corrections table (JSON Lines). With --export, write the run's values with"
                + " the decisions applied and exit.")
final class ReviewCommand implements Callable<Integer> {
    /** Where the corrections go unless told otherwise, inside the run's folder. */
    static final String CORRECTIONS = "corrections.jsonl";

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The --output folder of extract.")
    Path run;
    @Option(names = "--corrections", paramLabel = "FILE",
            description = "Corrections table, appended to (default: RUN/" + CORRECTIONS + ").")
    Path corrections;
    @Option(names = "--reviewer", paramLabel = "NAME", description = "Who decides (default: the user name).")
    String reviewer = System.getProperty("user.name");
    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; only this machine can connect).")
    String host = "127.0.0.1";
    @Option(names = "--port", paramLabel = "N", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8765;
    @Option(names = "--screen-digits", paramLabel = "N",
            description = "Digits on a screen of the by-class view, whole fields only (default: ${DEFAULT-VALUE}).")
    int screenDigits = 60;
    @Option(names = "--templates", split = ",", paramLabel = "DIR_OR_FILE",
            description = "The templates the run was read with (extract --templates): a value that breaks its field's"
                    + " cells, pattern or check digit is refused (default: the installation's conf/templates).")
    List<Path> templates;
    @Option(names = "--export", paramLabel = "FILE",
            description = "Write the run's fields with the decisions applied (JSON Lines) and exit.")
    Path export;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ReviewRun r = ReviewRun.open(run);
        Path file = corrections != null ? corrections : r.dir().resolve(CORRECTIONS);
        FieldRules rules = rules();
        if (export != null) {
            var decisions = CorrectionsLog.read(file);
            int rows = ReviewExport.write(r, decisions, rules, export);
            ReviewSummary s = ReviewSummary.of(r.queue(), decisions);
            System.out.printf("Wrote %d fields to %s with the decisions in %s%n", rows, export, file);
            System.out.printf("Review: %d of %d decided (%d accepted, %d corrected, %d unreadable), %d left; the second"
                    + " choice of one digit had %d of the corrections right, the check-digit repair %d fields%n",
                    s.decided(), s.queue(), s.accepted(), s.corrected(), s.unreadable(), s.left(),
                    s.secondChoiceRight(), s.suggestionRight());
            return 0;
        }
        try (ReviewStation station = new ReviewStation(r, CorrectionsLog.open(file), reviewer, screenDigits,
                rules);
             ReviewServer server = ReviewServer.start(station, host, port)) {
            ReviewSummary s = station.summary();
            System.out.printf("Reviewing run %s: %d fields to review, %d already decided (%s)%n", r.runId(), s.queue(),
                    s.decided(), file);
            System.out.println("Open " + server.url() + " in a browser; Ctrl+C stops the station.");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    /** The templates given, else the installation's; none (values unchecked, corrections exported invalid) without. */
    private FieldRules rules() {
        if (templates != null) {
            return FieldRules.read(templates);
        }
        Path installed = Defaults.home().resolve("conf/templates");
        if (Files.isDirectory(installed)) {
            return FieldRules.read(List.of(installed));
        }
        System.err.println("warning: no templates (--templates): values are not checked against their fields' rules,"
                + " and the export marks corrections valid: false, needs_review: true");
        return FieldRules.none();
    }
}

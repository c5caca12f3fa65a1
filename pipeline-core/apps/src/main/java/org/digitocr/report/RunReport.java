package org.digitocr.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.digitocr.extract.DigitReading;
import org.digitocr.extract.FieldResult;
import org.digitocr.extract.Reject;
import org.digitocr.extract.ReviewReason;

/**
 * The page an operator reads the morning after a run: counts and rates by template and field, the confidence
 * histogram, why fields went to review and pages were rejected, the rejects, and the fields to review with their
 * crops, values and second choices (what a reviewer needs to key them fast). One self-contained HTML page plus
 * its PNGs, from a {@link RunStats}, whoever ran the extraction (the CLI or the Spark job).
 */
public final class RunReport {
    public static final String HTML = "report.html";
    public static final String CONFIDENCE_PNG = "confidence.png";
    public static final String OUTCOMES_PNG = "outcomes.png";

    private RunReport() {
    }

    /** The report's files by name: {@value #HTML} and its PNGs. */
    public static Map<String, byte[]> render(RunStats s) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] confidence = Charts.png(Charts.confidence(s.acceptedByConfidence(), s.reviewByConfidence(), s.threshold()));
        byte[] outcomes = s.counts().byField().isEmpty() ? null : Charts.png(Charts.outcomes(s.counts().byField()));
        files.put(HTML, html(s, confidence, outcomes).getBytes(StandardCharsets.UTF_8));
        files.put(CONFIDENCE_PNG, confidence);
        if (outcomes != null) {
            files.put(OUTCOMES_PNG, outcomes);
        }
        return files;
    }

    /** Writes the report into {@code dir}; returns the HTML file. */
    public static Path write(RunStats s, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : render(s).entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        return dir.resolve(HTML);
    }

    private static String html(RunStats s, byte[] confidence, byte[] outcomes) {
        RunCounts c = s.counts();
        StringBuilder b = Html.start(s.title());
        b.append("<section id=\"summary\"><h2>Summary</h2><table>\n");
        for (Map.Entry<String, String> f : s.facts().entrySet()) {
            b.append("<tr><th class=\"l\">").append(Html.esc(f.getKey())).append("</th><td class=\"l\">")
                    .append(Html.esc(f.getValue())).append("</td></tr>\n");
        }
        b.append("</table>\n").append(String.format(Locale.ROOT, "<p><b id=\"files\">%d</b> files, <b id=\"pages\">%d</b>"
                        + " pages, <b id=\"fields\">%d</b> fields: <b id=\"accepted\">%d</b> accepted (%s),"
                        + " <b id=\"review\">%d</b> sent to review (%s); <b id=\"rejects\">%d</b> rejected files or"
                        + " pages. Fields need a confidence of at least %.4f to be accepted.</p></section>\n",
                c.files(), c.pages(), c.fields(), c.accepted(), pct(c.accepted(), c.fields()), c.review(),
                pct(c.review(), c.fields()), c.rejects(), s.threshold()));
        b.append(String.format(Locale.ROOT, "<section id=\"throughput\"><h2>Throughput</h2><p><b id=\"pages-per-second\">"
                        + "%.2f</b> pages/s, %.1f fields/s; %.1f s in all.</p>\n",
                c.pagesPerSecond(), c.fields() / Math.max(c.seconds(), 1e-9), c.seconds()));
        double busy = c.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        b.append("<table><tr><th class=\"l\">stage</th><th>seconds</th><th>share</th></tr>\n");
        c.stageSeconds().forEach((stage, secs) -> b.append(String.format(Locale.ROOT,
                "<tr><td class=\"l\">%s</td><td>%.2f</td><td>%.1f%%</td></tr>\n", stage, secs, 100 * secs / Math.max(busy, 1e-9))));
        b.append("</table><p>Seconds summed over the files, whichever worker read them.</p></section>\n");
        outcomes(b, c, outcomes);
        b.append("<section id=\"confidence\"><h2>Confidence</h2>").append(Html.img(CONFIDENCE_PNG, confidence))
                .append("<p>Non-empty fields by confidence (the probability that the whole value is right).</p></section>\n");
        reasons(b, "reasons", "Why fields went to review", c.reviewReasons(), "fields");
        reasons(b, "reject-reasons", "Why files and pages were rejected", c.rejectReasons(), "rejects");
        rejects(b, s);
        review(b, s);
        return b.append(Html.end()).toString();
    }

    private static void outcomes(StringBuilder b, RunCounts c, byte[] chart) {
        b.append("<section id=\"outcomes\"><h2>By template and field</h2><table><tr><th class=\"l\">template</th>"
                + "<th class=\"l\">field</th><th>fields</th><th>accepted</th><th>review</th><th>accepted %</th></tr>\n");
        for (FieldCounts f : c.byField()) {
            b.append(row(f.template(), f.field(), f.fields(), f.accepted()));
        }
        for (FieldCounts t : c.byTemplate()) {
            b.append(row(t.template(), t.field(), t.fields(), t.accepted()));
        }
        b.append(row("(all)", "(all)", c.fields(), c.accepted())).append("</table>\n");
        if (chart != null) {
            b.append(Html.img(OUTCOMES_PNG, chart));
        }
        b.append("</section>\n");
    }

    private static String row(String template, String field, long fields, long accepted) {
        return String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%d</td><td>%d</td>"
                        + "<td>%d</td><td>%s</td></tr>\n", Html.esc(template), Html.esc(field), fields, accepted,
                fields - accepted, pct(accepted, fields));
    }

    private static void reasons(StringBuilder b, String id, String title, Map<String, Long> counts, String what) {
        b.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2>");
        if (counts.isEmpty()) {
            b.append("<p>None.</p></section>\n");
            return;
        }
        b.append("<table><tr><th class=\"l\">reason</th><th>").append(what).append("</th></tr>\n");
        counts.forEach((k, v) -> b.append("<tr><td class=\"l\">").append(Html.esc(k)).append("</td><td>").append(v)
                .append("</td></tr>\n"));
        b.append("</table></section>\n");
    }

    private static void rejects(StringBuilder b, RunStats s) {
        b.append("<section id=\"rejects-list\"><h2>Rejects (").append(s.rejects().size()).append(" of ")
                .append(s.counts().rejects()).append(")</h2>");
        if (s.rejects().isEmpty()) {
            b.append("<p>None: every page was read.</p></section>\n");
            return;
        }
        b.append("<table><tr><th class=\"l\">source</th><th>page</th><th class=\"l\">reason</th></tr>\n");
        for (Reject r : s.rejects()) {
            b.append("<tr><td class=\"l\">").append(Html.esc(r.source())).append("</td><td>")
                    .append(r.page() == null ? "file" : r.page()).append("</td><td class=\"l\">")
                    .append(Html.esc(r.reason())).append("</td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    private static void review(StringBuilder b, RunStats s) {
        b.append("<section id=\"review-list\"><h2>Fields to review (").append(s.review().size()).append(" of ")
                .append(s.counts().review()).append(")</h2>\n");
        if (s.review().isEmpty()) {
            b.append("<p>None: every field was accepted.</p>");
        }
        for (FieldResult f : s.review()) {
            b.append("<div class=\"field\"><h3>").append(Html.esc(f.template())).append(" / ").append(Html.esc(f.field()))
                    .append(" &mdash; ").append(Html.esc(f.source())).append(", page ").append(f.page()).append("</h3>\n");
            if (f.crop() != null) {
                b.append(Html.jpeg(f.field(), f.crop(), "crop")).append('\n');
            }
            b.append(String.format(Locale.ROOT, "<p>Read <b>%s</b>, confidence %.4f; %s%s.</p>\n",
                    f.value().isEmpty() ? "(empty)" : Html.esc(f.value()), f.confidence(),
                    Html.esc(f.reasons().stream().map(ReviewReason::toString).collect(Collectors.joining(", "))),
                    f.suggestion() == null || f.suggestion().equals(f.value()) ? ""
                            : "; check-digit repair suggested: <b>" + Html.esc(f.suggestion()) + "</b>"));
            if (!f.digits().isEmpty()) {
                b.append("<table><tr><th class=\"l\">digit</th>");
                for (int i = 1; i <= f.digits().size(); i++) {
                    b.append("<th>").append(i).append("</th>");
                }
                b.append("</tr>\n<tr><th class=\"l\">read</th>");
                for (DigitReading d : f.digits()) {
                    b.append(String.format(Locale.ROOT, "<td><b>%d</b> %.3f</td>", d.digit(), d.prob()));
                }
                b.append("</tr>\n<tr><th class=\"l\">2nd choice</th>");
                for (DigitReading d : f.digits()) {
                    b.append(String.format(Locale.ROOT, "<td>%d %.3f</td>", d.alt(), d.altProb()));
                }
                b.append("</tr></table>\n");
            }
            b.append("</div>\n");
        }
        b.append("</section>\n");
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}

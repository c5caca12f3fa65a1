package org.digitocr.review;

import static org.digitocr.report.Html.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.digitocr.extract.DigitReading;
import org.digitocr.extract.ReviewReason;

/**
 * The station's HTML pages. Everything a run or a person supplied (file names, field names, values, reasons) is
 * escaped; the pages carry no inline script or style, so the server's content policy can forbid both.
 */
final class ReviewPages {
    private ReviewPages() {
    }

    static String field(ReviewStation st, ReviewItem item, String error) {
        ReviewSummary s = st.summary();
        Optional<Correction> done = st.decision(item);
        int n = st.run().queue().size();
        StringBuilder h = start("Field " + (item.index() + 1) + " of " + n, st, s);
        h.append("<section id=\"field\">\n<h2><span class=\"name\">").append(esc(item.key().field()))
                .append("</span> <span class=\"where\">").append(esc(item.key().source())).append(", page ")
                .append(item.key().page()).append(", ").append(esc(item.template())).append("</span></h2>\n");
        if (item.cropFile() != null) {
            h.append("<p><img id=\"crop\" class=\"crop\" alt=\"the field as scanned\" src=\"/crop/").append(item.index())
                    .append("\"></p>\n");
        }
        h.append("<table id=\"digits\"><tr><th>digit</th>");
        for (int k = 0; k < item.digits().size(); k++) {
            h.append("<td>");
            if (item.digitsFile() != null) {
                h.append("<img class=\"digit\" alt=\"digit ").append(k + 1).append("\" src=\"/digit/")
                        .append(item.index()).append('/').append(k).append("\">");
            }
            h.append("</td>");
        }
        h.append("</tr>\n<tr><th>read</th>");
        for (DigitReading d : item.digits()) {
            h.append("<td class=\"read").append(d.prob() < 0.9 ? " doubt" : "").append("\">").append(d.digit())
                    .append(" <small>").append(pct(d.prob())).append("</small></td>");
        }
        h.append("</tr>\n<tr><th>2nd</th>");
        for (DigitReading d : item.digits()) {
            h.append("<td class=\"alt\">").append(d.alt()).append(" <small>").append(pct(d.altProb()))
                    .append("</small></td>");
        }
        h.append("</tr></table>\n<p id=\"reasons\">Why: ");
        List<String> why = new ArrayList<>();
        for (ReviewReason r : item.reasons()) {
            why.add("<span class=\"reason\">" + esc(r.toString()) + "</span>");
        }
        h.append(String.join(", ", why)).append(". Field confidence ").append(pct(item.confidence())).append(".</p>\n");
        // a value already repaired by its check digit holds the suggestion (runs before 2026-12-06 did not)
        boolean suggested = item.suggestion() != null && !item.suggestion().equals(item.value());
        if (suggested) {
            h.append("<p id=\"suggestion\">The check digit suggests <b>").append(esc(item.suggestion()))
                    .append("</b> (Alt+S to take it).</p>\n");
        }
        if (error != null) {
            h.append("<p id=\"error\" class=\"error\">").append(esc(error)).append("</p>\n");
        }
        done.ifPresent(c -> h.append("<p id=\"decided\">Decided: ").append(c.decision()).append(c.value() == null ? ""
                : " " + esc(c.value())).append(" by ").append(esc(c.reviewer())).append(", ").append(esc(c.decidedAt()))
                .append("</p>\n"));
        String value = done.map(Correction::value).orElse(item.value());
        h.append("<form id=\"decide\" method=\"post\" action=\"/fields/decide\">")
                .append("<input type=\"hidden\" name=\"i\" value=\"").append(item.index()).append("\">")
                .append("<label>Value <input id=\"value\" name=\"value\" autocomplete=\"off\" autofocus value=\"")
                .append(esc(value)).append("\"").append(!suggested ? ""
                        : " data-suggestion=\"" + esc(item.suggestion()) + "\"").append("></label> ")
                .append("<button id=\"accept\" name=\"action\" value=\"accept\">Save (Enter)</button> ")
                .append("<button id=\"unreadable\" name=\"action\" value=\"unreadable\">Unreadable (type ?)</button>")
                .append("</form>\n");
        int prev = Math.floorMod(item.index() - 1, n);
        int next = Math.floorMod(item.index() + 1, n);
        h.append("<p class=\"nav\"><a id=\"prev\" href=\"/fields?i=").append(prev).append("\">previous (PageUp)</a> ")
                .append("<a id=\"next\" href=\"/fields?i=").append(next).append("\">next (PageDown)</a></p>\n")
                .append("<p class=\"help\">Enter saves the value (as read: accepted; changed: corrected;"
                        + " empty: the field is blank); ? then Enter marks it unreadable.</p>\n</section>\n");
        return end(h);
    }

    static String digits(ReviewStation st, List<ReviewItem> screen, String error) {
        ReviewSummary s = st.summary();
        StringBuilder h = start("Digits by class", st, s);
        h.append("<section id=\"by-class\">\n");
        if (screen.isEmpty()) {
            h.append("<p id=\"none\">No field left that can be settled digit by digit. <a href=\"/fields\">Fields</a>"
                    + " shows the rest.</p>\n</section>\n");
            return end(h);
        }
        int digits = screen.stream().mapToInt(i -> i.digits().size()).sum();
        h.append("<p>").append(digits).append(" digits of ").append(screen.size()).append(" fields. Click a digit that"
                + " is wrong and type the right one (? when it cannot be read); Enter confirms the screen, every"
                + " other digit as read.</p>\n");
        if (error != null) {
            h.append("<p id=\"error\" class=\"error\">").append(esc(error)).append("</p>\n");
        }
        h.append("<form id=\"screen\" method=\"post\" action=\"/digits/settle\"><input type=\"hidden\" name=\"fields\""
                + " value=\"");
        h.append(String.join(",", screen.stream().map(i -> String.valueOf(i.index())).toList())).append("\">\n");
        for (int cls = 0; cls <= 9; cls++) {
            StringBuilder tiles = new StringBuilder();
            int count = 0;
            for (ReviewItem item : screen) {
                for (int k = 0; k < item.digits().size(); k++) {
                    DigitReading d = item.digits().get(k);
                    if (d.digit() != cls) {
                        continue;
                    }
                    count++;
                    String id = item.index() + "_" + k;
                    tiles.append("<div class=\"tile\" id=\"t").append(id).append("\"><button type=\"button\""
                                    + " class=\"pick\" title=\"").append(esc(item.key().field())).append(", digit ")
                            .append(k + 1).append(": ").append(pct(d.prob())).append(", else ").append(d.alt())
                            .append("\"><img class=\"digit\" alt=\"read as ").append(cls).append("\" src=\"/digit/")
                            .append(item.index()).append('/').append(k).append("\"></button>")
                            .append("<input class=\"fix\" name=\"w_").append(id)
                            .append("\" maxlength=\"1\" autocomplete=\"off\" hidden>")
                            .append("<a class=\"open\" href=\"/fields?i=").append(item.index())
                            .append("\" title=\"open the field\">field</a></div>");
                }
            }
            if (count > 0) {
                h.append("<div class=\"class\" id=\"class-").append(cls).append("\"><h2>").append(cls).append(" <small>")
                        .append(count).append("</small></h2>").append(tiles).append("</div>\n");
            }
        }
        h.append("<p><button id=\"confirm\">Confirm screen (Enter)</button></p></form>\n</section>\n");
        return end(h);
    }

    static String summary(ReviewStation st) {
        ReviewSummary s = st.summary();
        StringBuilder h = start("Summary", st, s);
        h.append("<section id=\"summary\"><table>")
                .append(row("fields to review", s.queue())).append(row("decided", s.decided()))
                .append(row("accepted as read", s.accepted())).append(row("corrected", s.corrected()))
                .append(row("unreadable", s.unreadable())).append(row("left", s.left()))
                .append(row("corrections the second choice of one digit had right", s.secondChoiceRight()))
                .append(row("fields the check-digit repair had right", s.suggestionRight()))
                .append("</table>\n<p>Decisions are in <code>").append(esc(st.correctionsFile().toString()))
                .append("</code>. <code>digit-ocr review --run ").append(esc(st.run().dir().toString()))
                .append(" --export FILE</code> writes the run's values with them applied.</p></section>\n");
        return end(h);
    }

    private static StringBuilder start(String title, ReviewStation st, ReviewSummary s) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append(" - digit-ocr review</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/review.css\">")
                .append("<script src=\"/static/review.js\" defer></script></head><body>\n<header><b>digit-ocr review</b>")
                .append(" run <span id=\"run\">").append(esc(st.run().runId())).append("</span>, reviewer ")
                .append(esc(st.reviewer())).append(" <nav><a href=\"/fields\">Fields</a> <a href=\"/digits\">Digits by")
                .append(" class</a> <a href=\"/summary\">Summary</a></nav> <span id=\"progress\">").append(s.decided())
                .append(" done / ").append(s.left()).append(" left</span></header>\n<h1>").append(esc(title))
                .append("</h1>\n");
    }

    private static String end(StringBuilder h) {
        return h.append("</body></html>\n").toString();
    }

    private static String row(String what, int n) {
        return "<tr><td class=\"l\">" + what + "</td><td>" + n + "</td></tr>";
    }

    private static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }
}

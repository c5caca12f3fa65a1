package org.digitocr.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line terminal progress bar with rate and ETA, redrawn in place; plain lines when not a terminal. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastPercentLogged = -1;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.interactive = System.console() != null;
    }

    void update(long done, String extra) {
        long now = System.nanoTime();
        int percent = (int) (100 * done / total);
        if (interactive) {
            if (done < total && now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = (int) (WIDTH * done / total);
            double secs = (now - start) / 1e9;
            double eta = done == 0 ? 0 : secs * (total - done) / done;
            out.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %d/%d %s eta %s ", label, "#".repeat(filled),
                    " ".repeat(WIDTH - filled), percent, done, total, extra, duration(eta));
            out.flush();
        } else if (percent / 10 != lastPercentLogged / 10 || done == total) {
            lastPercentLogged = percent;
            out.printf(Locale.ROOT, "%s %3d%% %d/%d %s%n", label, percent, done, total, extra);
        }
    }

    void finish(String summary) {
        if (interactive) {
            out.print("\r\033[K");
        }
        out.printf(Locale.ROOT, "%s done in %s. %s%n", label, duration((System.nanoTime() - start) / 1e9), summary);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}

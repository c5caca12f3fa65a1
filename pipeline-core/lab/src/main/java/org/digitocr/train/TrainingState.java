package org.digitocr.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The resumable part of a run besides the network: completed epochs (the history CSV) and the best epoch.
 * Written after every epoch, atomically, next to the checkpoint it belongs to.
 */
public record TrainingState(List<EpochStats> history, int bestEpoch, double bestValidationLoss) {

    public static TrainingState fresh() {
        return new TrainingState(List.of(), -1, Double.POSITIVE_INFINITY);
    }

    public int epochsDone() {
        return history.size();
    }

    public TrainingState plus(EpochStats stats) {
        List<EpochStats> h = new ArrayList<>(history);
        h.add(stats);
        boolean better = stats.validationLoss() < bestValidationLoss;
        return new TrainingState(List.copyOf(h), better ? stats.epoch() : bestEpoch,
                better ? stats.validationLoss() : bestValidationLoss);
    }

    /** Writes the history as CSV (header plus one row per epoch). */
    public void writeHistory(Path csv) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(EpochStats.CSV_HEADER);
        history.forEach(s -> lines.add(s.toCsv()));
        Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a history CSV back; the best epoch is the one with the lowest validation loss. */
    public static TrainingState readHistory(Path csv) throws IOException {
        TrainingState s = fresh();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("epoch")) {
                s = s.plus(EpochStats.fromCsv(line));
            }
        }
        return s;
    }
}

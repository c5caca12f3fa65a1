package org.digitocr.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * The ways of reading one field's ink as digits, as a lattice: the ink is split into {@code units} left to right
 * (connected strokes of a free-form field, the filled cells of a boxed one), and every candidate reads a run of
 * consecutive units {@code [from, to)} as some digits: a unit as itself, cut into two or more touching digits, or
 * joined with its neighbour (a digit written in two strokes). The segmenter's preferred candidates tile the units
 * and are what it would read alone; the classifier's probabilities choose the path through the others.
 * {@code doubt} says segmentation had to guess (touching digits, fragments dropped, strokes outside the cells),
 * which sends the field to review. {@code separators}: the commas and points written between an amount's digits.
 * {@code paper}: what the paper under the field shows that makes any reading of it doubtful.
 */
public record FieldSegments(int units, List<Candidate> candidates, boolean doubt, List<String> notes,
                            List<Separator> separators, List<PaperDoubt> paper) {

    public FieldSegments {
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
        separators = List.copyOf(separators);
        paper = List.copyOf(paper);
    }

    public FieldSegments(int units, List<Candidate> candidates, boolean doubt, List<String> notes,
                         List<Separator> separators) {
        this(units, candidates, doubt, notes, separators, List.of());
    }

    public FieldSegments(int units, List<Candidate> candidates, boolean doubt, List<String> notes) {
        this(units, candidates, doubt, notes, List.of());
    }

    /** The same reading, with {@code doubts} about the paper. */
    public FieldSegments withPaper(List<PaperDoubt> doubts) {
        return new FieldSegments(units, candidates, doubt, notes, separators, doubts);
    }

    /** A comma or point ({@code mark}) written at template x {@code x} (its centre). */
    public record Separator(char mark, double x) {
    }

    /** Units {@code [from, to)} read as {@code digits}, left to right; {@code preferred} by the segmenter's geometry. */
    public record Candidate(int from, int to, List<DigitCrop> digits, boolean preferred) {
        public Candidate {
            digits = List.copyOf(digits);
        }
    }

    /** A field read one way only: each digit its own unit. */
    public static FieldSegments of(List<DigitCrop> digits, boolean doubt, List<String> notes) {
        List<Candidate> c = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            c.add(new Candidate(i, i + 1, List.of(digits.get(i)), true));
        }
        return new FieldSegments(digits.size(), c, doubt, notes);
    }

    /** The digits of the segmenter's preferred reading. */
    public List<DigitCrop> digits() {
        List<DigitCrop> out = new ArrayList<>();
        for (Candidate c : preferredPath()) {
            out.addAll(c.digits());
        }
        return out;
    }

    /** The preferred candidates from the first unit to the last. */
    public List<Candidate> preferredPath() {
        List<Candidate> path = new ArrayList<>();
        int at = 0;
        while (at < units) {
            int from = at;
            Candidate next = candidates.stream().filter(c -> c.preferred() && c.from() == from).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no preferred reading of unit " + from));
            path.add(next);
            at = next.to();
        }
        return path;
    }

    public boolean empty() {
        return units == 0;
    }
}

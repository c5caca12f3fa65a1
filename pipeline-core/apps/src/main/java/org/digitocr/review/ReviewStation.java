package org.digitocr.review;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reviewing of one run: its queue, the decisions already in the corrections log, and the ways a person
 * decides (one field at a time, or a screen of digits grouped by class). Every decision is in the log before a
 * method returns.
 */
public final class ReviewStation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewStation.class);

    private final ReviewRun run;
    private final CorrectionsLog log;
    private final String reviewer;
    private final int screenDigits;
    private final FieldRules rules;

    /** A station that knows no template: values are not checked against their fields' rules. */
    public ReviewStation(ReviewRun run, CorrectionsLog log, String reviewer, int screenDigits) {
        this(run, log, reviewer, screenDigits, FieldRules.none());
    }

    /**
     * @param screenDigits how many digits a screen of the by-class view shows at most (whole fields only)
     * @param rules        the templates the run was read with: a value is refused when it breaks its field's rules
     */
    public ReviewStation(ReviewRun run, CorrectionsLog log, String reviewer, int screenDigits, FieldRules rules) {
        if (reviewer == null || reviewer.isBlank()) {
            throw new IllegalArgumentException("a reviewer name is needed");
        }
        this.run = run;
        this.log = log;
        this.reviewer = reviewer;
        this.screenDigits = screenDigits;
        this.rules = rules;
        long unknown = run.queue().stream()
                .filter(i -> rules.spec(i.template(), i.templateSha256(), i.key().field()).isEmpty()).count();
        if (unknown > 0) {
            LOG.warn("{} of {} fields to review have a template the station does not know (--templates): their"
                    + " values are not checked, and their corrections export as valid: false", unknown, run.queue().size());
        }
    }

    public ReviewRun run() {
        return run;
    }

    public java.nio.file.Path correctionsFile() {
        return log.file();
    }

    public String reviewer() {
        return reviewer;
    }

    /** This run's decision about {@code item}, if any. */
    public Optional<Correction> decision(ReviewItem item) {
        return Optional.ofNullable(log.latest().get(item.key()));
    }

    /** The first undecided item after {@code index} (wrapping round), or empty when all are decided. */
    public Optional<ReviewItem> nextUndecided(int index) {
        List<ReviewItem> q = run.queue();
        Map<FieldKey, Correction> latest = log.latest();
        for (int k = 1; k <= q.size(); k++) {
            ReviewItem i = q.get(Math.floorMod(index + k, q.size()));
            if (!latest.containsKey(i.key())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * Records a decision about one field: {@code value} as the right value (accepted when it equals the reading,
     * corrected otherwise; empty for a field left blank), or unreadable when {@code unreadable} or the value is
     * {@code ?}.
     *
     * @throws IllegalArgumentException when the value is not digits only
     * @throws InvalidValueException    when it breaks the rules of its field's template (a blank is a decision)
     */
    public Correction decide(ReviewItem item, String value, boolean unreadable) throws IOException {
        Correction c = correction(item, value, unreadable);
        log.append(c);
        logged(c);
        return c;
    }

    /** The decision {@code decide} would record, checked but not yet written. */
    private Correction correction(ReviewItem item, String value, boolean unreadable) {
        String v = value == null ? "" : value.strip();
        Decision d = unreadable || v.equals("?") ? Decision.UNREADABLE
                : v.equals(item.value() == null ? "" : item.value()) ? Decision.ACCEPTED : Decision.CORRECTED;
        Correction c = new Correction(run.runId(), item.key().source(), item.key().page(), item.key().field(), d,
                d == Decision.UNREADABLE ? null : v, item.value(), reviewer,
                Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        if (d != Decision.UNREADABLE && !v.isEmpty()) {
            rules.spec(item.template(), item.templateSha256(), item.key().field())
                    .flatMap(spec -> rules.problem(spec, v)).ifPresent(p -> {
                        throw new InvalidValueException(v + " is not a " + item.key().field() + " of "
                                + item.template() + ": " + p + ". Type the value as written, or ? when no valid"
                                + " value can be read.");
                    });
        }
        return c;
    }

    private static void logged(Correction c) {
        LOG.info("{} {} page {} {}: {} {}", c.decision(), c.source(), c.page(), c.field(), c.originalValue(),
                c.value());
    }

    /** The next screen of the by-class view: undecided fields decidable digit by digit, up to the screen's size. */
    public List<ReviewItem> screen() {
        Map<FieldKey, Correction> latest = log.latest();
        List<ReviewItem> out = new ArrayList<>();
        int digits = 0;
        for (ReviewItem i : run.queue()) {
            if (latest.containsKey(i.key()) || !i.decidableByDigit()) {
                continue;
            }
            if (!out.isEmpty() && digits + i.digits().size() > screenDigits) {
                break;
            }
            out.add(i);
            digits += i.digits().size();
        }
        return out;
    }

    /**
     * Settles a screen of the by-class view: every field on it is accepted as read, except those with a digit
     * marked wrong, which are corrected with the digits typed for them ({@code wrong}: queue index to position to
     * the right digit, or {@code ?} when that digit cannot be read, which makes the field unreadable). The whole
     * screen is checked before anything is written, and then written in one append: all of it or none.
     *
     * @throws IllegalArgumentException when a typed digit is not one digit or {@code ?}, or a field's value breaks its
     *                                  rules ({@link InvalidValueException}); nothing is written
     */
    public List<Correction> settle(List<ReviewItem> screen, Map<Integer, Map<Integer, String>> wrong) throws IOException {
        List<Correction> out = new ArrayList<>();
        for (ReviewItem item : screen) {
            Map<Integer, String> fixes = wrong.getOrDefault(item.index(), Map.of());
            StringBuilder v = new StringBuilder(item.value());
            boolean unreadable = false;
            for (Map.Entry<Integer, String> f : fixes.entrySet()) {
                String d = f.getValue().strip();
                if (d.equals("?")) {
                    unreadable = true;
                } else if (d.matches("[0-9]") && f.getKey() >= 0 && f.getKey() < v.length()) {
                    v.setCharAt(f.getKey(), d.charAt(0));
                } else {
                    throw new IllegalArgumentException("digit " + (f.getKey() + 1) + " of " + item.key().field()
                            + ": one digit 0-9, or ? when it cannot be read; got '" + d + "'");
                }
            }
            out.add(correction(item, v.toString(), unreadable));
        }
        log.append(out);
        out.forEach(ReviewStation::logged);
        return out;
    }

    /** The templates values are checked against. */
    public FieldRules rules() {
        return rules;
    }

    /** Counts of the decisions so far, for the summary page and the export. */
    public ReviewSummary summary() {
        return ReviewSummary.of(run.queue(), log.latest());
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}

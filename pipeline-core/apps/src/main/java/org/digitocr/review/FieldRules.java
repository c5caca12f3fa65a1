package org.digitocr.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.digitocr.extract.FieldValidator;
import org.digitocr.extract.ReviewReason;
import org.digitocr.form.FieldSpec;
import org.digitocr.form.FieldType;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateReader;
import org.digitocr.validate.CheckDigits;

/**
 * The rules of the templates a run was read with (cells, pattern, check digit, dates), so that a value a person
 * gives is checked as a reading is. A field's template is found by the name on its row and, when the row has one,
 * the SHA-256 of the template's text: a template edited since the run is not taken for it.
 */
public final class FieldRules {
    private static final CheckDigits CHECKS = CheckDigits.standard();

    private final Map<String, FormTemplate> byName;
    private final FieldValidator validator = new FieldValidator(CHECKS);

    private FieldRules(Map<String, FormTemplate> byName) {
        this.byName = byName;
    }

    /** No template known: no value can be checked. */
    public static FieldRules none() {
        return new FieldRules(Map.of());
    }

    public static FieldRules of(List<FormTemplate> templates) {
        Map<String, FormTemplate> byName = new LinkedHashMap<>();
        templates.forEach(t -> byName.put(t.name(), t));
        return new FieldRules(byName);
    }

    /** The templates in {@code dirsOrFiles} (JSON files or folders of them), as {@code extract --templates} reads them. */
    public static FieldRules read(List<Path> dirsOrFiles) {
        return of(new TemplateReader(CHECKS.names()).readAll(dirsOrFiles));
    }

    /** The spec of {@code field} of {@code template}, when that template (at that SHA-256, if given) is known. */
    public Optional<FieldSpec> spec(String template, String sha256, String field) {
        FormTemplate t = template == null ? null : byName.get(template);
        if (t == null || (sha256 != null && !sha256.equalsIgnoreCase(t.sha256()))) {
            return Optional.empty();
        }
        return t.fields().stream().filter(f -> f.name().equals(field)).findFirst();
    }

    /** What {@code value} (digits) breaks of the rules of {@code spec}, for people; empty when it keeps them. */
    public Optional<String> problem(FieldSpec spec, String value) {
        List<String> broken = new ArrayList<>();
        if (spec.boxed() && value.length() > spec.cells()) {
            broken.add(value.length() + " digits for its " + spec.cells() + " cells");
        }
        for (ReviewReason.Code c : validator.failures(spec, value)) {
            broken.add(switch (c) {
                case PATTERN -> "not its pattern " + spec.pattern().map(Object::toString).orElse("");
                case CHECK_DIGIT -> "a wrong check digit (" + spec.check().orElse("?") + ")";
                case YEAR_OUT_OF_RANGE -> spec.type() instanceof FieldType.Date d
                        ? "a year outside " + d.fromYear() + "-" + d.toYear() : "a year out of range";
                case INVALID_DATE -> "not a date (DDMMYYYY)";
                default -> c.name();
            });
        }
        return broken.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", broken));
    }
}

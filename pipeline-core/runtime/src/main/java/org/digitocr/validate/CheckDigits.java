package org.digitocr.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The check-digit schemes available to templates, by name. New schemes plug in through {@link #with}. */
public final class CheckDigits {
    private final Map<String, CheckDigit> byName;

    private CheckDigits(Map<String, CheckDigit> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The schemes the product ships: {@code luhn}. */
    public static CheckDigits standard() {
        return of(List.of(new Luhn()));
    }

    public static CheckDigits of(List<CheckDigit> checks) {
        Map<String, CheckDigit> m = new LinkedHashMap<>();
        checks.forEach(c -> m.put(c.name(), c));
        return new CheckDigits(m);
    }

    public CheckDigits with(CheckDigit check) {
        Map<String, CheckDigit> m = new LinkedHashMap<>(byName);
        m.put(check.name(), check);
        return new CheckDigits(m);
    }

    public Optional<CheckDigit> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}

package org.digitocr.sample;

import java.util.SplittableRandom;

import org.digitocr.form.FieldSpec;
import org.digitocr.validate.CheckDigits;

/** Draws random values that a field's pattern and check accept, the way a real filled form would hold them. */
public final class FieldValues {
    private static final int TRIES = 500;

    private FieldValues() {
    }

    public static String random(FieldSpec f, CheckDigits checks, SplittableRandom rnd) {
        int maxLen = f.boxed() ? f.cells() : 8;
        for (int t = 0; t < TRIES; t++) {
            int len = f.boxed() && rnd.nextDouble() < 0.7 ? maxLen : 1 + rnd.nextInt(maxLen);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < len; i++) {
                b.append((char) ('0' + rnd.nextInt(10)));
            }
            String v = b.toString();
            if (f.check().isPresent()) {
                var check = checks.get(f.check().get()).orElseThrow();
                String head = v.substring(0, len - 1);
                v = null;
                for (char d = '0'; d <= '9' && v == null; d++) {
                    if (check.valid(head + d)) {
                        v = head + d;
                    }
                }
                if (v == null) {
                    continue;
                }
            }
            if (f.pattern().isEmpty() || f.pattern().get().matcher(v).matches()) {
                return v;
            }
        }
        throw new IllegalArgumentException("no random value satisfies field " + f.name() + "'s pattern and check");
    }
}

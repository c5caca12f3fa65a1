package org.digitocr.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LuhnTest {
    private final Luhn luhn = new Luhn();

    @Test
    void acceptsKnownValidNumbers() {
        assertTrue(luhn.valid("79927398713"));
        assertTrue(luhn.valid("4539578763621486"));
        assertTrue(luhn.valid("0000000000"));
    }

    @Test
    void rejectsEverySingleDigitChange() {
        String good = "79927398713";
        for (int i = 0; i < good.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != good.charAt(i)) {
                    String bad = good.substring(0, i) + d + good.substring(i + 1);
                    assertFalse(luhn.valid(bad), bad);
                }
            }
        }
        assertFalse(luhn.valid("12a4"));
        assertFalse(luhn.valid(""));
    }

    @Test
    void registryIsPluggable() {
        CheckDigits checks = CheckDigits.standard().with(new CheckDigit() {
            public String name() {
                return "even";
            }

            public boolean valid(String v) {
                return (v.charAt(v.length() - 1) - '0') % 2 == 0;
            }
        });
        assertTrue(checks.names().contains("luhn") && checks.names().contains("even"));
        assertTrue(checks.get("even").orElseThrow().valid("12"));
    }
}

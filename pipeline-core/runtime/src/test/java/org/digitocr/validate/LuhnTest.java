package org.digitocr.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
    void passProbabilityIsTheMassOfEveryPassingValue() {
        Random rnd = new Random(7);
        for (int n = 2; n <= 5; n++) {
            List<double[]> digits = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] p = new double[10];
                double sum = 0;
                for (int d = 0; d < 10; d++) {
                    p[d] = Math.pow(rnd.nextDouble(), 4);
                    sum += p[d];
                }
                for (int d = 0; d < 10; d++) {
                    p[d] /= sum;
                }
                digits.add(p);
            }
            double passing = 0;
            for (int v = 0; v < Math.pow(10, n); v++) {
                String value = String.format("%0" + n + "d", v);
                if (luhn.valid(value)) {
                    double joint = 1;
                    for (int i = 0; i < n; i++) {
                        joint *= digits.get(i)[value.charAt(i) - '0'];
                    }
                    passing += joint;
                }
            }
            assertEquals(passing, luhn.passProbability(digits).orElseThrow(), 1e-12, "digits: " + n);
        }
        double[] uniform = new double[10];
        java.util.Arrays.fill(uniform, 0.1);
        assertEquals(0.1, luhn.passProbability(List.of(uniform, uniform, uniform)).orElseThrow(), 1e-12);
        assertEquals(0, luhn.passProbability(List.of(uniform)).orElseThrow());
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
        assertTrue(checks.get("even").orElseThrow().passProbability(List.of(new double[10])).isEmpty());
    }
}

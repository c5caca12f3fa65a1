package org.digitocr.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class InkMaskTest {

    /** The paper and ink levels are ranks of a field's grey values: counting them must give what sorting gives. */
    @Test
    void rankedGivesTheValuesSortingPutsAtThoseRanks() {
        Random r = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(trial < 100 ? 20 : 5000);
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                // mostly paper at a few repeated levels, some ink, fractional values as resampling gives them, and
                // now and then a value outside 0..255
                a[i] = r.nextInt(4) > 0 ? 240 + r.nextInt(3) : r.nextFloat() * 255;
                if (r.nextInt(100) == 0) {
                    a[i] = r.nextBoolean() ? -3.5f : 300.25f;
                }
            }
            float[] before = a.clone();
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            int[] ranks = {n / 2, Math.max(0, n / 200), 0, n - 1};
            float[] expected = new float[ranks.length];
            for (int i = 0; i < ranks.length; i++) {
                expected[i] = sorted[ranks[i]];
            }
            assertArrayEquals(expected, InkMask.ranked(a, ranks), "ranks of " + n + " values");
            assertArrayEquals(before, a, "the values are left as they were");
        }
    }
}

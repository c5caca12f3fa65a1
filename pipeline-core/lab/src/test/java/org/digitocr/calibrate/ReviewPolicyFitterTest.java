package org.digitocr.calibrate;

import org.digitocr.model.ReviewPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.digitocr.model.DigitPrediction;
import org.junit.jupiter.api.Test;

class ReviewPolicyFitterTest {
    /** Predictions whose confidence is honest: a digit with confidence c is right with probability c. */
    @Test
    void thresholdsMeetTheirTargetsAndTightenWithThem() {
        Random r = new Random(4);
        int n = 5000;
        List<DigitPrediction> preds = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double c = 0.9 + 0.1 * Math.pow(r.nextDouble(), 0.3);
            labels[i] = r.nextInt(10);
            int digit = r.nextDouble() < c ? labels[i] : (labels[i] + 1) % 10;
            double[] dist = new double[10];
            java.util.Arrays.fill(dist, (1 - c) / 9);
            dist[digit] = c;
            preds.add(DigitPrediction.of(dist));
        }
        ReviewPolicy p = ReviewPolicyFitter.fit(preds, labels, 20_000, 6, 1, "synthetic");
        assertMeetsEveryTarget(p);
        assertEquals(p.points().get(2).threshold(), p.threshold(0.005));
        assertEquals(p.points().get(2).threshold(), p.threshold(0.007), "between targets the stricter one is used");
        assertThrows(IllegalArgumentException.class, () -> p.threshold(0.0001));
    }

    /** Fields read off forms: the ones held back whatever their confidence count in the accept rate only. */
    @Test
    void fieldsReadOffFormsCountTheOnesReviewedAnywayInTheAcceptRate() {
        double[] conf = {0.99, 0.98, 0.97, 0.96, 0.95, 0.90, 0.80, 0.70};
        boolean[] right = {true, true, true, true, true, false, true, false};
        ReviewPolicy p = ReviewPolicyFitter.fit(conf, right, 10, "eight fields of ten");
        ReviewPolicy.Point strict = p.points().get(0);
        assertEquals(0.95, strict.threshold(), "the lowest threshold before the first wrong field");
        assertEquals(0.5, strict.acceptRate(), 1e-12, "five of ten fields");
        assertEquals(0, strict.errorRate());
        ReviewPolicy.Point lax = p.points().get(p.points().size() - 1);
        assertEquals(0.95, lax.threshold(), "one wrong of six is above every target");
        assertThrows(IllegalArgumentException.class, () -> ReviewPolicyFitter.fit(conf, right, 7, "more read than written"));
    }

    /** One point per target, each within its target, thresholds never rising as targets loosen. */
    static void assertMeetsEveryTarget(ReviewPolicy p) {
        assertEquals(ReviewPolicy.TARGETS.length, p.points().size());
        double previous = 2;
        for (ReviewPolicy.Point pt : p.points()) {
            assertTrue(pt.errorRate() <= pt.targetErrorRate(), pt.toString());
            assertTrue(pt.threshold() <= previous, "looser targets never raise the threshold");
            previous = pt.threshold();
        }
    }
}

package org.digitocr.calibrate;

import org.digitocr.model.DigitPrediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TemperatureScalingTest {
    /** Logits of a model that is right 80% of the time but claims ~99.9%. */
    @Test
    void coolsAnOverconfidentModel() {
        Random r = new Random(3);
        int n = 4000;
        double[][] z = new double[n][10];
        int[] labels = new int[n];
        double[] conf = new double[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
            int predicted = r.nextDouble() < 0.8 ? labels[i] : (labels[i] + 1 + r.nextInt(9)) % 10;
            for (int c = 0; c < 10; c++) {
                z[i][c] = r.nextGaussian();
            }
            z[i][predicted] += 9;
            right[i] = predicted == labels[i];
            conf[i] = DigitPrediction.softmax(z[i], 1)[predicted];
        }
        double t = TemperatureScaling.fit(z, labels);
        assertTrue(t > 1.5, "temperature " + t);
        double[] calibrated = new double[n];
        for (int i = 0; i < n; i++) {
            double[] p = DigitPrediction.softmax(z[i], t);
            double s = 0;
            for (double v : p) {
                s += v;
            }
            assertEquals(1, s, 1e-9);
            calibrated[i] = max(p);
        }
        double before = CalibrationError.expected(conf, right, 15);
        double after = CalibrationError.expected(calibrated, right, 15);
        assertTrue(before > 0.15 && after < before / 2, "ECE " + before + " -> " + after);
        assertTrue(TemperatureScaling.nll(z, labels, t) < TemperatureScaling.nll(z, labels, 1));
    }

    private static double max(double[] p) {
        double m = 0;
        for (double v : p) {
            m = Math.max(m, v);
        }
        return m;
    }
}

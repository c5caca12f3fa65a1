package org.digitocr.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.digitocr.image.DigitImages;
import org.digitocr.model.DigitClassifier;

/**
 * Inference throughput of a {@link DigitClassifier} measured the way the PyTorch peer measures its own (warm-up,
 * then repetitions long enough to time, median images/s), and the machine's fp32 GEMM ceiling, so both can be
 * put side by side in one run. For benchmarks only, never for tests.
 */
public final class InferenceBenchmark {
    /** Forward-pass cost of the reference CNN, per image (2 x multiply-adds). */
    public static final double FLOP_PER_IMAGE = 20.47e6;

    /** Images per second at one batch size: median and range over the repetitions. */
    public record Rate(int batch, double median, double min, double max) {
        public double gflops() {
            return median * FLOP_PER_IMAGE / 1e9;
        }
    }

    private InferenceBenchmark() {
    }

    public static Rate measure(DigitClassifier classifier, int batch, double seconds, int reps) {
        float[] pixels = new float[batch * DigitImages.PIXELS];
        SplittableRandom rnd = new SplittableRandom(0);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rnd.nextDouble();
        }
        long t0 = System.nanoTime();
        int warm = 0;
        while (System.nanoTime() - t0 < 500_000_000L || warm < 3) {
            classifier.rawLogits(pixels, batch);
            warm++;
        }
        double per = (System.nanoTime() - t0) / 1e9 / warm;
        int inner = Math.max(1, (int) (seconds / reps / per));
        double[] rates = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                classifier.rawLogits(pixels, batch);
            }
            rates[r] = (double) batch * inner / ((System.nanoTime() - t) / 1e9);
        }
        Arrays.sort(rates);
        return new Rate(batch, rates[reps / 2], rates[0], rates[reps - 1]);
    }

    public static List<Rate> measure(DigitClassifier classifier, List<Integer> batches, double seconds, int reps) {
        List<Rate> out = new ArrayList<>();
        for (int b : batches) {
            out.add(measure(classifier, b, seconds, reps));
        }
        return out;
    }

    /** Median GFLOP/s of a 2048^3 fp32 sgemm through the OpenBLAS the classifier uses, with its current threads. */
    public static double gemmCeiling(int reps) {
        int n = 2048;
        try (FloatPointer a = new FloatPointer((long) n * n); FloatPointer b = new FloatPointer((long) n * n);
             FloatPointer c = new FloatPointer((long) n * n)) {
            SplittableRandom rnd = new SplittableRandom(1);
            var ab = a.asBuffer();
            var bb = b.asBuffer();
            for (int i = 0; i < n * n; i++) {
                ab.put(i, (float) rnd.nextGaussian());
                bb.put(i, (float) rnd.nextGaussian());
            }
            double[] t = new double[reps];
            for (int r = -2; r < reps; r++) {
                long s = System.nanoTime();
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                        openblas_nolapack.CblasNoTrans, n, n, n, 1f, a, n, b, n, 0f, c, n);
                if (r >= 0) {
                    t[r] = (System.nanoTime() - s) / 1e9;
                }
            }
            Arrays.sort(t);
            return 2.0 * n * n * n / t[reps / 2] / 1e9;
        }
    }
}

package org.digitocr.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.backprop.Adam;
import org.digitocr.backprop.BackpropEngine;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;
import org.digitocr.image.DigitImages;
import org.digitocr.engine.Batches;
import org.digitocr.engine.ReferenceCnn;

/**
 * Training throughput of {@link BackpropEngine} on the reference CNN, measured the way the PyTorch peer
 * ({@code torch_train_bench.py}) measures its own: Adam at 1e-3, training mode (BatchNorm on minibatch statistics,
 * dropout on), random inputs and labels held in memory, warm-up, then steps for a fixed time; overall images/s and
 * the median of one-second chunks. The warm-up also lets the JIT compile the engine's loops. Benchmarks only.
 */
public final class TrainingBenchmark {
    /** Training counted as three forward passes, as the peer counts it. */
    public static final double FLOP_PER_IMAGE = 3 * InferenceBenchmark.FLOP_PER_IMAGE;

    /** Images per second at one batch size. */
    public record Rate(int batch, double overall, double medianChunk, int steps) {
        public double gflops() {
            return overall * FLOP_PER_IMAGE / 1e9;
        }
    }

    private TrainingBenchmark() {
    }

    public static Rate measure(int batch, int threads, double seconds, double warmupSeconds) {
        MultiLayerNetwork net = ReferenceCnn.create(0, 1e-3);
        CnnLayout layout = CnnLayout.of(net, DigitImages.SIDE);
        SplittableRandom rnd = new SplittableRandom(0);
        float[] pixels = new float[batch * DigitImages.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rnd.nextGaussian();
        }
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rnd.nextInt(ReferenceCnn.CLASSES);
        }
        float[] targets = Batches.targets(labels);
        try (BackpropEngine engine = new BackpropEngine(CnnParameters.of(net, layout), new Adam(layout.parameters()),
                batch, threads, 0)) {
            long t0 = System.nanoTime();
            for (int warm = 0; warm < 5 || System.nanoTime() - t0 < warmupSeconds * 1e9; warm++) {
                engine.step(pixels, targets, batch, 1e-3);
            }
            List<Double> chunks = new ArrayList<>();
            long start = System.nanoTime();
            long chunkStart = start;
            int chunkSteps = 0;
            int steps = 0;
            long now;
            do {
                engine.step(pixels, targets, batch, 1e-3);
                steps++;
                chunkSteps++;
                now = System.nanoTime();
                if (now - chunkStart >= 1_000_000_000L) {
                    chunks.add((double) batch * chunkSteps / ((now - chunkStart) / 1e9));
                    chunkStart = now;
                    chunkSteps = 0;
                }
            } while (now - start < seconds * 1e9);
            double overall = (double) batch * steps / ((now - start) / 1e9);
            chunks.sort(null);
            double median = chunks.isEmpty() ? overall : chunks.get(chunks.size() / 2);
            return new Rate(batch, overall, median, steps);
        }
    }
}

package org.digitocr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.digitocr.model.DigitClassifier;
import org.digitocr.engine.FoldedCnn;
import org.digitocr.engine.InferenceEngine;
import org.digitocr.model.ModelBundle;
import org.digitocr.engine.NativeThreads;
import org.digitocr.engine.VectorApi;
import org.digitocr.perf.InferenceBenchmark;
import org.digitocr.perf.InferenceBenchmark.Rate;
import org.digitocr.perf.TrainingBenchmark;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code digit-ocr bench}: inference images/s of the classifier per batch size, and the GEMM ceiling; with
 * {@code --train}, training images/s of the backprop engine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure inference throughput (images/s) per batch size and the machine's fp32 GEMM ceiling,"
                + " or with --train the training throughput. Threads come from OMP_NUM_THREADS.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: the bundled model).")
    Path model;
    @Option(names = "--engine", defaultValue = "FOLDED", description = "FOLDED (default) or DL4J.")
    InferenceEngine engine;
    @Option(names = "--batches", split = ",", defaultValue = "1,64,512", description = "Batch sizes (default 1,64,512).")
    List<Integer> batches;
    @Option(names = "--seconds", defaultValue = "3", description = "Timed seconds per batch size (default 3).")
    double seconds;
    @Option(names = "--reps", defaultValue = "7", description = "Timed repetitions per batch size (default 7).")
    int reps;
    @Option(names = "--train", description = "Measure training steps (Adam, BatchNorm and dropout in training mode,"
            + " random inputs in memory, as the PyTorch peer does) instead of inference.")
    boolean train;

    @Override
    public Integer call() {
        int threads = NativeThreads.current();
        NativeThreads.limit(threads);
        if (train) {
            System.out.printf(Locale.ROOT, "training, BackpropEngine, %d threads%n", threads);
            for (int b : batches) {
                TrainingBenchmark.Rate r = TrainingBenchmark.measure(b, threads, seconds, 3);
                System.out.printf(Locale.ROOT, "batch %4d: %8.1f img/s overall (%d steps), median 1-s chunk %8.1f img/s,"
                        + " %.2f GFLOP/s (3x fwd)%n", b, r.overall(), r.steps(), r.medianChunk(), r.gflops());
            }
            return 0;
        }
        double ceiling = InferenceBenchmark.gemmCeiling(7);
        System.out.printf(Locale.ROOT, "GEMM ceiling fp32 2048^3 (OpenBLAS), %d threads: %.1f GFLOP/s%n", threads, ceiling);
        ModelBundle bundle = new ModelBundle(model != null ? model : Defaults.bundledModel());
        try (DigitClassifier c = DigitClassifier.load(bundle, 1, engine)) {
            System.out.printf(Locale.ROOT, "engine %s, %d threads, backend %s%n", c.engine(), threads,
                    Nd4j.getExecutioner().getClass().getSimpleName());
            if (c.engine() == InferenceEngine.FOLDED) {
                FoldedCnn folded = FoldedCnn.of(bundle.readNetworks().get(0));
                System.out.printf(Locale.ROOT, "work per image and network: %.2f MFLOP in the engine's products (%s"
                        + " convolutions) for the network's %.2f; GFLOP/s and %%ceil below count the network's%n",
                        2e-6 * folded.multiplyAdds(VectorApi.available()), VectorApi.available() ? "Winograd" : "im2col",
                        2e-6 * folded.multiplyAdds(false));
            }
            System.out.printf(Locale.ROOT, "%6s %11s %9s %9s %8s %6s%n", "batch", "img/s med", "min", "max", "GFLOP/s", "%ceil");
            for (int b : batches) {
                Rate r = InferenceBenchmark.measure(c, b, seconds, reps);
                System.out.printf(Locale.ROOT, "%6d %11.0f %9.0f %9.0f %8.2f %5.1f%%%n", r.batch(), r.median(), r.min(),
                        r.max(), r.gflops(), 100 * r.gflops() / ceiling);
            }
        }
        return 0;
    }
}

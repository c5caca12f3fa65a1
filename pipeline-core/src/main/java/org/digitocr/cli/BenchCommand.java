package org.digitocr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.digitocr.model.DigitClassifier;
import org.digitocr.model.InferenceEngine;
import org.digitocr.model.ModelBundle;
import org.digitocr.model.NativeThreads;
import org.digitocr.perf.InferenceBenchmark;
import org.digitocr.perf.InferenceBenchmark.Rate;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code digit-ocr bench}: inference images/s of the classifier per batch size, and the GEMM ceiling. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure inference throughput (images/s) per batch size and the machine's fp32 GEMM ceiling."
                + " Threads come from OMP_NUM_THREADS.")
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

    @Override
    public Integer call() {
        int threads = NativeThreads.current();
        NativeThreads.limit(threads);
        double ceiling = InferenceBenchmark.gemmCeiling(7);
        System.out.printf(Locale.ROOT, "GEMM ceiling fp32 2048^3 (OpenBLAS), %d threads: %.1f GFLOP/s%n", threads, ceiling);
        try (DigitClassifier c = DigitClassifier.load(new ModelBundle(model != null ? model : Defaults.bundledModel()),
                1, engine)) {
            System.out.printf(Locale.ROOT, "engine %s, %d threads, backend %s%n", c.engine(), threads,
                    Nd4j.getExecutioner().getClass().getSimpleName());
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

package org.digitocr.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hadoop.fs.FileUtil;
import org.digitocr.extract.ExtractionConfig;
import org.digitocr.extract.FormExtractor;
import org.digitocr.form.TemplateReader;
import org.digitocr.model.ModelBundle;
import org.digitocr.engine.NativeThreads;
import org.digitocr.register.RegistrationConfig;
import org.digitocr.validate.CheckDigits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forms pipeline of this JVM: built on first use from a {@link PipelineSpec} and then shared by every task
 * the executor runs, so the model is loaded once per executor, not per task or record. Its classifier holds
 * one network replica per task slot, and ND4J is limited to the threads of one slot.
 */
public final class ExecutorPipelines {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorPipelines.class);
    private static final Map<String, FormExtractor> PIPELINES = new HashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorPipelines() {
    }

    /**
     * @param slots          tasks this JVM may run at once (replicas of the network)
     * @param threadsPerTask cores one task may use ({@code spark.task.cpus})
     */
    public static synchronized FormExtractor get(PipelineSpec spec, int slots, int threadsPerTask) {
        return PIPELINES.computeIfAbsent(spec.key(), k -> build(spec, slots, threadsPerTask));
    }

    /** How many pipelines this JVM has built (one per distinct spec). */
    public static int loads() {
        return LOADS.get();
    }

    private static FormExtractor build(PipelineSpec spec, int slots, int threadsPerTask) {
        long t0 = System.nanoTime();
        NativeThreads.limit(threadsPerTask);
        Path dir = unpack(spec);
        FormExtractor extractor;
        try {
            extractor = FormExtractor.open(new ModelBundle(dir), Math.max(1, slots),
                    new TemplateReader(CheckDigits.standard().names()).parseAll(spec.templates()),
                    new ExtractionConfig(spec.limits(), RegistrationConfig.defaults(), spec.reviewThreshold()));
        } finally {
            FileUtil.fullyDelete(dir.toFile());
        }
        LOADS.incrementAndGet();
        LOG.info("Loaded model {} with {} replica(s), {} thread(s) per task, in {} ms", spec.modelId(), slots,
                threadsPerTask, (System.nanoTime() - t0) / 1_000_000);
        return extractor;
    }

    private static Path unpack(PipelineSpec spec) {
        try {
            Path dir = Files.createTempDirectory("digit-ocr-model-");
            for (Map.Entry<String, byte[]> f : spec.modelFiles().entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack model " + spec.modelId(), e);
        }
    }
}

package org.digitocr.spark;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.digitocr.eval.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit} entry point of parallel training: parses the options into a {@link TrainJobOptions},
 * runs {@link DistributedTrainer} and prints the model's test accuracy and where it went.
 */
@Command(name = "TrainJob", mixinStandardHelpOptions = true,
        description = "Train (or fine-tune) the reference CNN on Spark with parameter averaging.")
public final class TrainJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--mnist", paramLabel = "DIR", description = "MNIST IDX files (.gz or not) to train on.")
    String mnist;
    @Option(names = "--table", split = ",", paramLabel = "PATH",
            description = "Labelled-digit Parquet tables (columns image: binary, label: int) to train on.")
    List<String> tables = List.of();
    @Option(names = "--test-mnist", paramLabel = "DIR",
            description = "MNIST directory whose t10k files give the final evaluation (default: --mnist).")
    String testMnist;
    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Model directory to write.")
    String output;
    @Option(names = "--init-model", paramLabel = "PATH", description = "Fine-tune this model instead of starting fresh.")
    String initModel;
    @Option(names = "--workers", defaultValue = "2", description = "Parallel workers (default: ${DEFAULT-VALUE}).")
    int workers;
    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size per worker (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--averaging-frequency", defaultValue = "20",
            description = "Minibatches per worker between parameter averagings (default: ${DEFAULT-VALUE}).")
    int averagingFrequency;
    @Option(names = "--epochs", defaultValue = "8", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--lr", defaultValue = "2e-3", description = "Start learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--min-lr", defaultValue = "1e-5", description = "Final learning rate, cosine decay (default: ${DEFAULT-VALUE}).")
    double minLr;
    @Option(names = "--seed", defaultValue = "42")
    long seed;
    @Option(names = "--train-limit", defaultValue = "0", description = "Use only the first N training digits (0: all).")
    int trainLimit;
    @Option(names = "--test-limit", defaultValue = "0", description = "Evaluate on the first N test digits (0: all).")
    int testLimit;
    @Option(names = "--engine", defaultValue = "BACKPROP", paramLabel = "ENGINE",
            description = "backprop: the product's training engine on every worker (default); dl4j: DL4J's parameter"
                    + " averaging master and fit.")
    TrainJobOptions.Engine engine;
    @Option(names = "--resume", description = "Continue a run from its checkpoint under --output (the state after"
            + " its last finished epoch); backprop engine.")
    boolean resume;
    @Option(names = "--corrections", paramLabel = "PATH",
            description = "Reviewers' corrections (JSON Lines, Parquet, or the Iceberg table OUTPUT/corrections: run_id,"
                    + " source, page, field, decision, value)"
                    + " whose fields' digits join training, labelled by the decided values.")
    String corrections;
    @Option(names = "--corrected-fields", paramLabel = "PATH",
            description = "The ExtractJob fields table the corrections are of (its Iceberg folder, or Parquet).")
    String correctedFields;
    @Option(names = "--hand-styles", defaultValue = "0", paramLabel = "SHARE",
            description = "Share of MNIST's training digits that also join training rewritten in other hands (flags"
                    + " and feet on 1s, crossed 7s, closed 4s, other pens, coarse bilevel capture; restyled on the"
                    + " executors), the validation digits then joining validation rewritten too (default: 0; digit-ocr"
                    + " train uses 1).")
    double handStyles;
    @Option(names = "--no-augment", description = "Train on the digits as they are, without on-the-fly distortion.")
    boolean noAugment;

    public static void main(String[] args) {
        System.exit(JobCommandLine.run(new TrainJob(), args));
    }

    TrainJobOptions options() {
        return new TrainJobOptions(mnist, tables, testMnist != null ? testMnist : mnist, output, initModel, workers,
                batch, averagingFrequency, epochs, lr, Math.min(minLr, lr), seed, trainLimit, testLimit, !noAugment,
                engine, resume, corrections, correctedFields, handStyles);
    }

    @Override
    public Integer call() throws Exception {
        TrainJobOptions opts = options();
        SparkSession spark = SparkSession.builder().appName("digit-ocr train").getOrCreate();
        PrintWriter out = spec.commandLine().getOut();
        try {
            DistributedTrainer.Result r = DistributedTrainer.run(spark, opts);
            Evaluation t = r.exported().test();
            out.printf(Locale.ROOT, "Trained %d epochs on %s: MNIST test accuracy %.4f, top-2 %.4f, ECE %.4f (T=%.3f)%n",
                    r.state().epochsDone(), spark.sparkContext().master(), t.accuracy(), t.top2Accuracy(), t.ece(),
                    r.exported().card().temperature());
            out.println("Model: " + r.output());
            return 0;
        } finally {
            spark.stop();
        }
    }
}

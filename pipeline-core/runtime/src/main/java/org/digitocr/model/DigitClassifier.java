package org.digitocr.model;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.engine.InferenceEngine;
import org.digitocr.engine.LogitsEngine;
import org.digitocr.engine.LogitsEngines;
import org.digitocr.engine.ReferenceCnn;
import org.digitocr.image.DigitImages;
import org.digitocr.normalize.PenNormalization;
import org.digitocr.provenance.ModelCard;

/**
 * Classifies batches of 28x28 digit images (MNIST layout, values in [0,1]) with calibrated probabilities and
 * top-2 answers. Loads the network once; thread-safe: concurrent callers share a small pool of replicas, each
 * used by one thread at a time. Pre- and post-processing (normalisation, calibration) stay outside the network,
 * as in DJL's Translator. On the CPU the network runs folded ({@link InferenceEngine#FOLDED}), on the CUDA
 * backend through DL4J; networks of another shape than the reference CNN always run through DL4J. A bundle of
 * several networks (an ensemble) answers with the mean of their logits, calibrated by the ensemble's temperature.
 * A model whose card has a {@link PenNormalization} also reads digits written broader than MNIST's thinned.
 */
public final class DigitClassifier implements AutoCloseable {
    /** Largest batch sent to the network at once; bigger inputs are split. */
    public static final int MAX_BATCH = LogitsEngines.MAX_BATCH;

    private final LogitsEngine engine;
    private final double temperature;
    private final PenNormalization pen;
    private final ModelCard card;
    private final int members;

    private DigitClassifier(List<MultiLayerNetwork> nets, ModelCard card, double temperature, PenNormalization pen,
                            int replicas, InferenceEngine wanted) {
        this.card = card;
        this.temperature = temperature;
        this.pen = pen;
        this.members = nets.size();
        this.engine = LogitsEngines.open(nets, replicas, wanted);
    }

    /** Loads a model bundle with one replica (enough when one caller uses all cores per call). */
    public static DigitClassifier load(ModelBundle bundle) {
        return load(bundle, 1);
    }

    /** Loads a model bundle with {@code replicas} copies for concurrent callers. */
    public static DigitClassifier load(ModelBundle bundle, int replicas) {
        return load(bundle, replicas, InferenceEngine.preferred());
    }

    /** Loads a model bundle to run on the given engine (falling back to DL4J for networks it cannot fold). */
    public static DigitClassifier load(ModelBundle bundle, int replicas, InferenceEngine engine) {
        ModelCard card = bundle.readCard();
        return new DigitClassifier(bundle.readNetworks(), card, card.temperature(), card.penNormalization(), replicas,
                engine);
    }

    /** Wraps a copy of an in-memory network (e.g. straight after training) with a temperature; no card. */
    public static DigitClassifier of(MultiLayerNetwork net, double temperature) {
        return of(List.of(net), temperature);
    }

    /** Wraps copies of in-memory networks as one classifier on their mean logits, with a temperature; no card. */
    public static DigitClassifier of(List<MultiLayerNetwork> nets, double temperature) {
        return of(nets, temperature, null);
    }

    /** As {@link #of(List, double)}, also reading broad digits thinned when {@code pen} is not null. */
    public static DigitClassifier of(List<MultiLayerNetwork> nets, double temperature, PenNormalization pen) {
        if (nets.isEmpty()) {
            throw new IllegalArgumentException("no network");
        }
        return new DigitClassifier(nets.stream().map(MultiLayerNetwork::clone).toList(), null, temperature, pen, 1,
                InferenceEngine.preferred());
    }

    public double temperature() {
        return temperature;
    }

    /** How many networks answer together: 1, or the size of an ensemble. */
    public int members() {
        return members;
    }

    /** The engine actually running the network. */
    public InferenceEngine engine() {
        return engine.kind();
    }

    /** The loaded model's card; null for a classifier made with {@link #of}. */
    public ModelCard card() {
        return card;
    }

    /** Calibrated predictions for {@code count} images stored row-major in {@code pixels} (784 floats each). */
    public List<DigitPrediction> classify(float[] pixels, int count) {
        double[][] z = logits(pixels, count);
        List<DigitPrediction> out = new ArrayList<>(count);
        for (double[] row : z) {
            out.add(DigitPrediction.ofLogits(row, temperature));
        }
        return out;
    }

    public List<DigitPrediction> classify(DigitImages images) {
        return classify(images.toFloats(), images.count());
    }

    /**
     * Uncalibrated logits, one row of 10 per image: what calibration and evaluation work from. With a pen
     * normalisation, a broad digit's row is the mean of its rows as written and thinned.
     */
    public double[][] logits(DigitImages images) {
        return logits(images.toFloats(), images.count());
    }

    public double[][] logits(float[] pixels, int count) {
        float[] flat = rawLogits(pixels, count);
        int[] broad = pen == null ? new int[0] : pen.broad(pixels, count);
        if (broad.length > 0) {
            float[] thin = engine.logits(PenNormalization.thinned(pixels, broad), broad.length);
            for (int k = 0; k < broad.length; k++) {
                for (int c = 0; c < ReferenceCnn.CLASSES; c++) {
                    int at = broad[k] * ReferenceCnn.CLASSES + c;
                    flat[at] = (flat[at] + thin[k * ReferenceCnn.CLASSES + c]) / 2;
                }
            }
        }
        double[][] out = new double[count][ReferenceCnn.CLASSES];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < ReferenceCnn.CLASSES; c++) {
                out[i][c] = flat[i * ReferenceCnn.CLASSES + c];
            }
        }
        return out;
    }

    /** The network's own logits as {@code count x 10} floats, row-major, without pen normalisation: for benchmarks. */
    public float[] rawLogits(float[] pixels, int count) {
        if (pixels.length != count * DigitImages.PIXELS) {
            throw new IllegalArgumentException(count + " images need " + count * DigitImages.PIXELS
                    + " pixels, got " + pixels.length);
        }
        return engine.logits(pixels, count);
    }

    @Override
    public void close() {
        engine.close();
    }
}

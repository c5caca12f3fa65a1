package org.digitocr.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.calibrate.TemperatureScaling;
import org.digitocr.mnist.DigitImages;
import org.digitocr.provenance.ModelCard;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Classifies batches of 28x28 digit images (MNIST layout, values in [0,1]) with calibrated probabilities and
 * top-2 answers. Loads the network once; thread-safe: concurrent callers share a small pool of network
 * replicas, each used by one thread at a time. Pre- and post-processing (normalisation, calibration) stay
 * outside the network, as in DJL's Translator.
 */
public final class DigitClassifier implements AutoCloseable {
    /** Largest batch sent to the network at once; bigger inputs are split. */
    public static final int MAX_BATCH = 512;

    private final BlockingQueue<MultiLayerNetwork> replicas;
    private final double temperature;
    private final ModelCard card;

    private DigitClassifier(MultiLayerNetwork net, ModelCard card, double temperature, int replicaCount) {
        this.card = card;
        this.temperature = temperature;
        toLogits(net);
        this.replicas = new ArrayBlockingQueue<>(replicaCount);
        replicas.add(net);
        for (int i = 1; i < replicaCount; i++) {
            replicas.add(net.clone());
        }
    }

    /** Loads a model bundle with one network replica (enough when ND4J already uses all cores per call). */
    public static DigitClassifier load(ModelBundle bundle) {
        return load(bundle, 1);
    }

    /** Loads a model bundle with {@code replicas} network copies for concurrent callers. */
    public static DigitClassifier load(ModelBundle bundle, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be >= 1");
        }
        ModelCard card = bundle.readCard();
        return new DigitClassifier(bundle.readNetwork(), card, card.temperature(), replicas);
    }

    /** Wraps a copy of an in-memory network (e.g. straight after training) with a temperature; no card. */
    public static DigitClassifier of(MultiLayerNetwork net, double temperature) {
        return new DigitClassifier(net.clone(), null, temperature, 1);
    }

    public double temperature() {
        return temperature;
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
            out.add(DigitPrediction.of(TemperatureScaling.softmax(row, temperature)));
        }
        return out;
    }

    public List<DigitPrediction> classify(DigitImages images) {
        return classify(toFloats(images), images.count());
    }

    /** Uncalibrated logits, one row of 10 per image: what calibration and evaluation work from. */
    public double[][] logits(DigitImages images) {
        return logits(toFloats(images), images.count());
    }

    public double[][] logits(float[] pixels, int count) {
        if (pixels.length != count * DigitImages.PIXELS) {
            throw new IllegalArgumentException(count + " images need " + count * DigitImages.PIXELS
                    + " pixels, got " + pixels.length);
        }
        double[][] out = new double[count][];
        MultiLayerNetwork net = borrow();
        try {
            for (int from = 0; from < count; from += MAX_BATCH) {
                int n = Math.min(MAX_BATCH, count - from);
                float[] chunk = new float[n * DigitImages.PIXELS];
                System.arraycopy(pixels, from * DigitImages.PIXELS, chunk, 0, chunk.length);
                try (INDArray x = Batches.features(chunk, n); INDArray y = net.output(x, false)) {
                    float[][] rows = y.toFloatMatrix();
                    for (int i = 0; i < n; i++) {
                        double[] r = new double[rows[i].length];
                        for (int c = 0; c < r.length; c++) {
                            r[c] = rows[i][c];
                        }
                        out[from + i] = r;
                    }
                }
            }
        } finally {
            replicas.add(net);
        }
        return out;
    }

    private MultiLayerNetwork borrow() {
        try {
            return replicas.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a network replica", e);
        }
    }

    private static float[] toFloats(DigitImages images) {
        float[] buf = new float[images.count() * DigitImages.PIXELS];
        for (int i = 0; i < images.count(); i++) {
            images.toFloats(i, buf, i * DigitImages.PIXELS);
        }
        return buf;
    }

    /** Makes the output layer emit logits: softmax and temperature are applied here, in double precision. */
    private static void toLogits(MultiLayerNetwork net) {
        var conf = net.getLayerWiseConfigurations().getConf(net.getnLayers() - 1).getLayer();
        if (!(conf instanceof BaseOutputLayer out)) {
            throw new IllegalArgumentException("last layer is not an output layer: " + conf);
        }
        out.setActivationFn(new ActivationIdentity());
    }

    @Override
    public void close() {
        replicas.clear();
    }
}

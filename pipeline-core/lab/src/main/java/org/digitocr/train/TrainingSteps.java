package org.digitocr.train;

import java.io.IOException;
import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.engine.VectorApi;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a training run takes its minibatch steps on a network: {@link BackpropSteps} on ND4J's CPU backend (several
 * times faster than DL4J there), DL4J's own {@code fit} ({@link Dl4jSteps}) on the CUDA backend, where it runs on the
 * GPU. Either way the run's network stays a DL4J network, brought up to date by {@link #sync}.
 */
interface TrainingSteps extends AutoCloseable {
    /** One Adam step on {@code n} images with their labels; returns the minibatch's mean loss. */
    double step(float[] pixels, int[] labels, int n, double lr);

    /** Restarts dropout's random stream from {@code seed} at the start of an epoch. */
    void startEpoch(long seed);

    /** Writes the steps taken so far into the network (before scoring or saving it). */
    void sync();

    /** Whether a checkpoint must carry DL4J's updater state (otherwise {@link #saveState} keeps the optimiser). */
    boolean updaterInNetwork();

    /** Saves optimiser state kept outside the network in the run directory. */
    void saveState(Path runDir) throws IOException;

    @Override
    void close();

    /** What computes the steps on this backend, for model cards. */
    static String engineName() {
        return Nd4j.getEnvironment().isCPU()
                ? "digit-ocr BackpropEngine (im2col + OpenBLAS sgemm, NHWC, whole-minibatch BatchNorm, "
                        + (VectorApi.available() ? "Vector API" : "scalar") + " per-channel loops)"
                : "DL4J MultiLayerNetwork.fit (" + Nd4j.getExecutioner().getClass().getSimpleName() + ")";
    }

    /** The steps for this backend; {@code resumed}: load optimiser state saved in {@code runDir}. */
    static TrainingSteps open(MultiLayerNetwork net, TrainingConfig cfg, boolean resumed) throws IOException {
        return Nd4j.getEnvironment().isCPU() ? BackpropSteps.open(net, cfg, resumed) : new Dl4jSteps(net);
    }
}

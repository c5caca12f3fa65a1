package org.digitocr.train;

import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.engine.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Training steps through DL4J's {@code MultiLayerNetwork.fit}, its updater state kept in the network. */
final class Dl4jSteps implements TrainingSteps {
    private final MultiLayerNetwork net;
    private double rate = Double.NaN;

    Dl4jSteps(MultiLayerNetwork net) {
        this.net = net;
    }

    @Override
    public double step(float[] pixels, int[] labels, int n, double lr) {
        if (lr != rate) {
            net.setLearningRate(lr);
            rate = lr;
        }
        try (INDArray x = Batches.features(pixels, n); INDArray y = Batches.oneHot(labels)) {
            net.fit(new DataSet(x, y));
        }
        return net.score();
    }

    @Override
    public void startEpoch(long seed) {
        Nd4j.getRandom().setSeed(seed);
    }

    @Override
    public void sync() {
    }

    @Override
    public boolean updaterInNetwork() {
        return true;
    }

    @Override
    public void saveState(Path runDir) {
    }

    @Override
    public void close() {
    }
}

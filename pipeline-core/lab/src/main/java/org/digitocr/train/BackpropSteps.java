package org.digitocr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.backprop.Adam;
import org.digitocr.backprop.BackpropEngine;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;
import org.digitocr.image.DigitImages;
import org.digitocr.engine.Batches;
import org.digitocr.engine.NativeThreads;

/** Training steps on {@link BackpropEngine}, its Adam state saved in the run directory beside the checkpoint. */
final class BackpropSteps implements TrainingSteps {
    static final String ADAM = "adam-state.bin";

    private final MultiLayerNetwork net;
    private final CnnParameters params;
    private final BackpropEngine engine;

    private BackpropSteps(MultiLayerNetwork net, CnnParameters params, BackpropEngine engine) {
        this.net = net;
        this.params = params;
        this.engine = engine;
    }

    static BackpropSteps open(MultiLayerNetwork net, TrainingConfig cfg, boolean resumed) throws IOException {
        CnnLayout layout = CnnLayout.of(net, DigitImages.SIDE);
        CnnParameters params = CnnParameters.of(net, layout);
        Path saved = cfg.runDir().resolve(ADAM);
        Adam adam = resumed && Files.exists(saved) ? Adam.load(saved, layout.parameters()) : new Adam(layout.parameters());
        return new BackpropSteps(net, params,
                new BackpropEngine(params, adam, cfg.batchSize(), NativeThreads.current(), cfg.seed()));
    }

    @Override
    public double step(float[] pixels, int[] labels, int n, double lr) {
        return engine.step(pixels, Batches.targets(labels), n, lr);
    }

    @Override
    public void startEpoch(long seed) {
        engine.reseed(seed);
    }

    @Override
    public void sync() {
        params.writeTo(net);
    }

    @Override
    public boolean updaterInNetwork() {
        return false;
    }

    @Override
    public void saveState(Path runDir) throws IOException {
        engine.adam().save(runDir.resolve(ADAM));
    }

    @Override
    public void close() {
        engine.close();
    }
}

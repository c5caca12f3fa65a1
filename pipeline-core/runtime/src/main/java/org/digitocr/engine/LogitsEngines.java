package org.digitocr.engine;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the engine that runs one network or an ensemble's networks: folded where the network has the reference
 * CNN's shape and the folded engine is wanted, else DL4J's own forward pass; several networks answer with the
 * mean of their logits.
 */
public final class LogitsEngines {
    private static final Logger LOG = LoggerFactory.getLogger(LogitsEngines.class);
    /** Largest batch sent to a network at once; bigger inputs are split. */
    public static final int MAX_BATCH = 512;

    private LogitsEngines() {
    }

    /** Opens an engine over {@code nets} (taken over, not copied) with {@code replicas} copies for concurrent callers. */
    public static LogitsEngine open(List<MultiLayerNetwork> nets, int replicas, InferenceEngine wanted) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be >= 1");
        }
        if (nets.isEmpty()) {
            throw new IllegalArgumentException("no network");
        }
        InferenceEngine chosen = wanted;
        List<FoldedCnn> folded = new ArrayList<>();
        for (MultiLayerNetwork net : nets) {
            useLogits(net);
            if (chosen == InferenceEngine.FOLDED) {
                try {
                    folded.add(FoldedCnn.of(net));
                } catch (IllegalArgumentException notReference) {
                    LOG.info("{}; running it through DL4J", notReference.getMessage());
                    chosen = InferenceEngine.DL4J;
                }
            }
        }
        List<LogitsEngine> engines = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            engines.add(chosen == InferenceEngine.FOLDED
                    ? new FoldedLogits(folded.get(i), replicas, NativeThreads.current())
                    : new Dl4jLogits(nets.get(i), replicas));
        }
        return engines.size() == 1 ? engines.get(0) : new MeanLogits(engines);
    }

    /** Makes the output layer emit logits: softmax and temperature are applied by the caller, in double precision. */
    public static void useLogits(MultiLayerNetwork net) {
        var conf = net.getLayerWiseConfigurations().getConf(net.getnLayers() - 1).getLayer();
        if (!(conf instanceof BaseOutputLayer out)) {
            throw new IllegalArgumentException("last layer is not an output layer: " + conf);
        }
        out.setActivationFn(new ActivationIdentity());
    }
}

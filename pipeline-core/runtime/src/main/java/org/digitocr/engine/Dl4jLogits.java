package org.digitocr.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.image.DigitImages;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Logits from DL4J's forward pass, with a pool of network replicas, each used by one thread at a time. */
final class Dl4jLogits implements LogitsEngine {
    private final BlockingQueue<MultiLayerNetwork> replicas;

    Dl4jLogits(MultiLayerNetwork net, int replicaCount) {
        replicas = new ArrayBlockingQueue<>(replicaCount);
        replicas.add(net);
        for (int i = 1; i < replicaCount; i++) {
            replicas.add(net.clone());
        }
    }

    @Override
    public float[] logits(float[] pixels, int n) {
        float[] out = new float[n * 10];
        MultiLayerNetwork net = Pools.take(replicas);
        try {
            for (int from = 0; from < n; from += LogitsEngines.MAX_BATCH) {
                int count = Math.min(LogitsEngines.MAX_BATCH, n - from);
                float[] chunk = new float[count * DigitImages.PIXELS];
                System.arraycopy(pixels, from * DigitImages.PIXELS, chunk, 0, chunk.length);
                try (INDArray x = Batches.features(chunk, count); INDArray y = net.output(x, false)) {
                    float[] rows = y.dup('c').data().asFloat();
                    System.arraycopy(rows, 0, out, from * 10, rows.length);
                }
            }
        } finally {
            replicas.add(net);
        }
        return out;
    }

    @Override
    public InferenceEngine kind() {
        return InferenceEngine.DL4J;
    }

    @Override
    public void close() {
        replicas.clear();
    }
}

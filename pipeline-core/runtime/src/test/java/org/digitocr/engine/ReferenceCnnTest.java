package org.digitocr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ReferenceCnnTest {
    @Test
    void hasTheStatedArchitectureAndParameterCount() {
        MultiLayerNetwork net = ReferenceCnn.create(1, 1e-3);
        assertEquals(ReferenceCnn.PARAMETERS, net.numParams());
        long convs = net.getLayerWiseConfigurations().getConfs().stream()
                .filter(c -> c.getLayer() instanceof ConvolutionLayer).count();
        long norms = net.getLayerWiseConfigurations().getConfs().stream()
                .filter(c -> c.getLayer() instanceof BatchNormalization).count();
        assertEquals(4, convs);
        assertEquals(5, norms);
        // BatchNorm running mean and variance are counted by DL4J but not trained
        long running = 2L * (32 + 32 + 64 + 64 + 512);
        assertEquals(ReferenceCnn.TRAINABLE_PARAMETERS, net.numParams() - running);
    }
}

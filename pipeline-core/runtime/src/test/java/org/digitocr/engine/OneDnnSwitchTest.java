package org.digitocr.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J asks the shim {@code org.nd4j.nativeblas.Nd4jCpu} whether to use oneDNN and gets ND4J's own answer (ND4J
 * M2.1's Linux x86-64 build has oneDNN: true) instead of a failed lookup, and with {@link Dl4jHelpers} its layers
 * run through oneDNN, training as DL4J's own path does. That the forward pass is the same is held by the tests
 * comparing DL4J with the folded engine.
 */
class OneDnnSwitchTest {
    @Test
    void dl4jGetsTheBackendsOwnAnswer() {
        boolean backend = org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        assertEquals(backend, BaseMKLDNNHelper.mklDnnEnabled(), "DL4J sees what ND4J says");
        assertTrue(backend, "ND4J's native build for Linux x86-64 comes with oneDNN");
    }

    @Test
    void theReferenceCnnRunsItsConvolutionsThroughOneDnn() {
        MultiLayerNetwork net = ReferenceCnn.create(1, 1e-3);
        long withHelper = java.util.Arrays.stream(net.getLayers())
                .filter(l -> l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer c
                        && c.getHelper() instanceof MKLDNNConvHelper).count();
        assertEquals(4, withHelper, "every convolution has DL4J's oneDNN helper");
    }

    @Test
    void trainingThroughOneDnnFollowsDl4jsOwnPath() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 10);
        for (int i = 0; i < 64; i++) {
            y.putScalar(i, (int) (x.getRow(i).sumNumber().doubleValue() * 10) % 10, 1f);
        }
        DataSet batch = new DataSet(x, y);
        double[] plain = losses(batch, "true");
        double[] onednn = losses(batch, "false");
        assertTrue(plain[plain.length - 1] < plain[0] * 0.8, "the loss falls: " + java.util.Arrays.toString(plain));
        assertArrayEquals(plain, onednn, 0.01, "the same losses step by step");
    }

    /** Losses over 10 Adam steps of a fresh network made with DL4J's helpers disabled or not. */
    private static double[] losses(DataSet batch, String disable) {
        String before = System.getProperty(Dl4jHelpers.DISABLE);
        System.setProperty(Dl4jHelpers.DISABLE, disable);
        try {
            MultiLayerNetwork net = ReferenceCnn.create(3, 1e-3);
            Nd4j.getRandom().setSeed(11);
            double[] out = new double[10];
            for (int s = 0; s < out.length; s++) {
                net.fit(batch);
                out[s] = net.score();
            }
            return out;
        } finally {
            if (before == null) {
                System.clearProperty(Dl4jHelpers.DISABLE);
            } else {
                System.setProperty(Dl4jHelpers.DISABLE, before);
            }
        }
    }
}

package org.digitocr.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.digitocr.engine.CnnLayout;
import org.digitocr.engine.CnnParameters;
import org.digitocr.image.DigitImages;
import org.junit.jupiter.api.Test;

/**
 * The state parameter averaging moves: a trained engine's parameters, BatchNorm statistics and Adam state survive
 * pack and unpack exactly, and two workers' vectors average element by element, losses and steps summed.
 */
class TrainingVectorTest {
    @Test
    void packsUnpacksAndAveragesWhatTrainingChanged() {
        MultiLayerNetwork net = KernelEngines.referenceNet(5, false);
        CnnLayout layout = CnnLayout.of(net, DigitImages.SIDE);
        CnnParameters a = CnnParameters.of(net, layout);
        Adam adamA = new Adam(layout.parameters());
        Random r = new Random(3);
        int n = 8;
        float[] pixels = new float[n * DigitImages.SIDE * DigitImages.SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextFloat();
        }
        float[] targets = new float[n * 10];
        for (int i = 0; i < n; i++) {
            targets[i * 10 + r.nextInt(10)] = 1;
        }
        double loss;
        try (BackpropEngine e = new BackpropEngine(a, adamA, n, 1, 9)) {
            loss = e.step(pixels, targets, n, 1e-3) + e.step(pixels, targets, n, 1e-3);
        }
        float[] packed = TrainingVector.pack(a, adamA, loss, 2);
        CnnParameters b = CnnParameters.zeros(layout);
        Adam adamB = new Adam(layout.parameters());
        assertEquals(loss / 2, TrainingVector.unpack(packed, b, adamB), 1e-6);
        assertArrayEquals(a.values(), b.values());
        for (int k = 0; k < layout.blocks().size(); k++) {
            assertArrayEquals(a.runningMean(k), b.runningMean(k));
            assertArrayEquals(a.runningVar(k), b.runningVar(k));
        }
        assertArrayEquals(adamA.firstMoments(), adamB.firstMoments());
        assertArrayEquals(adamA.secondMoments(), adamB.secondMoments());
        assertEquals(2, adamB.steps());

        float[] twice = TrainingVector.average(TrainingVector.add(packed.clone(), packed), 2);
        for (int i = 0; i < packed.length - 2; i++) {
            assertEquals(packed[i], twice[i], Math.ulp(packed[i]) * 2, "element " + i);
        }
        assertEquals(4, TrainingVector.steps(twice), "steps are summed");
        assertEquals(2 * loss, TrainingVector.lossSum(twice), 1e-5);
    }
}

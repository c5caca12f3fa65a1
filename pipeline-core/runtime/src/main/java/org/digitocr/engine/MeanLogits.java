package org.digitocr.engine;

import java.util.List;

/**
 * An ensemble's logits: the mean of its members' logits for the same images. Averaging logits (a geometric mean
 * of the members' probabilities) keeps one temperature for calibration and cancels the members' separate mistakes.
 */
final class MeanLogits implements LogitsEngine {
    private final List<LogitsEngine> members;

    MeanLogits(List<LogitsEngine> members) {
        this.members = List.copyOf(members);
    }

    @Override
    public float[] logits(float[] pixels, int n) {
        float[] sum = members.get(0).logits(pixels, n);
        for (int m = 1; m < members.size(); m++) {
            float[] z = members.get(m).logits(pixels, n);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += z[i];
            }
        }
        float scale = 1f / members.size();
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= scale;
        }
        return sum;
    }

    @Override
    public InferenceEngine kind() {
        return members.get(0).kind();
    }

    @Override
    public void close() {
        members.forEach(LogitsEngine::close);
    }
}

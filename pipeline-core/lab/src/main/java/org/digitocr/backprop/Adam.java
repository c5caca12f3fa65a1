package org.digitocr.backprop;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Adam (Kingma and Ba) over a flat parameter array, with DL4J's defaults and bias correction folded into the step
 * size, so a run continues the same way after {@link #save} and {@link #load}.
 */
public final class Adam {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final float[] m;
    private final float[] v;
    private long steps;

    public Adam(int parameters) {
        m = new float[parameters];
        v = new float[parameters];
    }

    public long steps() {
        return steps;
    }

    /** First moments, the live array (for averaging over workers). */
    float[] firstMoments() {
        return m;
    }

    /** Second moments, the live array. */
    float[] secondMoments() {
        return v;
    }

    void steps(long n) {
        steps = n;
    }

    /** One update of {@code params} against {@code gradient} at learning rate {@code lr}. */
    void update(float[] params, float[] gradient, double lr) {
        steps++;
        double alpha = lr * Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
        float a = (float) alpha;
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float eps = (float) EPSILON;
        for (int i = 0; i < params.length; i++) {
            float g = gradient[i];
            float mi = b1 * m[i] + (1 - b1) * g;
            float vi = b2 * v[i] + (1 - b2) * g * g;
            m[i] = mi;
            v[i] = vi;
            params[i] -= a * mi / ((float) Math.sqrt(vi) + eps);
        }
    }

    public void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(m.length);
            out.writeLong(steps);
            for (int i = 0; i < m.length; i++) {
                out.writeFloat(m[i]);
                out.writeFloat(v[i]);
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The state saved in {@code file}, which must be for {@code parameters} parameters. */
    public static Adam load(Path file, int parameters) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            if (n != parameters) {
                throw new IOException(file + ": Adam state for " + n + " parameters, the network has " + parameters);
            }
            Adam a = new Adam(n);
            a.steps = in.readLong();
            for (int i = 0; i < n; i++) {
                a.m[i] = in.readFloat();
                a.v[i] = in.readFloat();
            }
            return a;
        }
    }
}

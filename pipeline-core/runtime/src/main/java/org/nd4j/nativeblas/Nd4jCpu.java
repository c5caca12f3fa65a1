package org.nd4j.nativeblas;

/**
 * A compatibility shim that lets DL4J 1.0.0-M2.1 find its oneDNN switch. DL4J's layer helpers
 * ({@code BaseMKLDNNHelper}) look up {@code org.nd4j.nativeblas.Nd4jCpu$Environment#isUseMKLDNN} by reflection, but
 * ND4J M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and renamed the
 * method {@code isUseONEDNN}; without this class the lookup fails and DL4J never uses oneDNN (its convolutions fall
 * back to im2col and gemm in Java, about 4x slower; see docs/build.md). It only answers that one question, by
 * asking the moved class.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The old name of ND4J's native environment, as DL4J's helpers look it up. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * Whether the native backend runs oneDNN (ND4J's own answer; looked up by name, so the class compiles
         * against the CUDA backend too, where DL4J never asks).
         */
        public boolean isUseMKLDNN() throws ReflectiveOperationException {
            Class<?> moved = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object env = moved.getMethod("getInstance").invoke(null);
            return (Boolean) moved.getMethod("isUseONEDNN").invoke(env);
        }
    }
}

/**
 * The reference CNN and the engines that run it: DL4J's definition of the network ({@link
 * org.digitocr.engine.ReferenceCnn}), the one adapter that reads a DL4J network's layout and parameters ({@link
 * org.digitocr.engine.CnnLayout}, {@link org.digitocr.engine.CnnParameters}), DL4J's forward pass, and the
 * product's folded inference engine (BatchNorm folded, im2col + OpenBLAS sgemm, Winograd, small-gemm and vector
 * kernels), opened through {@link org.digitocr.engine.LogitsEngines}. The training engine in the lab builds on the
 * same kernels.
 */
package org.digitocr.engine;

package org.digitocr.form;

import java.util.List;

/**
 * What a template finds its layout on a page by: solid square registration marks printed for the purpose, or,
 * on forms that carry none (bank cheques), the layout's own printing, kept as local image features of a sample.
 */
public sealed interface Anchors permits Anchors.Marks, Anchors.Printing {

    /** Solid square marks of side {@code size} template pixels centred on {@code centres}. */
    record Marks(int size, List<FormTemplate.Point> centres) implements Anchors {
        public Marks {
            centres = List.copyOf(centres);
        }
    }

    /**
     * ORB features of the sample's printing (never of the writing in its field boxes), detected with the sample
     * resized to {@code workWidth} pixels wide: {@code points} holds x, y pairs in template pixels, and
     * {@code descriptors} the 32-byte binary descriptor of each point in the same order.
     */
    record Printing(int workWidth, float[] points, byte[] descriptors) implements Anchors {
        /** Bytes of one ORB descriptor. */
        public static final int DESCRIPTOR_BYTES = 32;

        public Printing {
            if (points.length % 2 != 0 || descriptors.length != points.length / 2 * DESCRIPTOR_BYTES) {
                throw new IllegalArgumentException("need one " + DESCRIPTOR_BYTES + "-byte descriptor per point, have "
                        + points.length / 2 + " points and " + descriptors.length + " bytes");
            }
        }

        public int count() {
            return points.length / 2;
        }
    }
}

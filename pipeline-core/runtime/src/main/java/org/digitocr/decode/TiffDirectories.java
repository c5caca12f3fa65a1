package org.digitocr.decode;

import java.io.IOException;
import java.nio.ByteOrder;

import javax.imageio.stream.ImageInputStream;

/**
 * Walks a TIFF file's chain of image directories (one per page) without decoding anything, to tell whether
 * the file ends before its last page: ImageIO readers stop quietly at a directory that lies beyond the end of a
 * truncated file, so without this the pages after it would vanish without a reject row.
 */
final class TiffDirectories {
    /** Directories walked at most; a longer or looping chain is not followed further. */
    private static final int MAX_PAGES = 100_000;

    private TiffDirectories() {
    }

    /**
     * The 1-based number of the first page whose directory is cut off by the end of the file, or 0 when the
     * chain is whole (or the stream is not a TIFF). Restores the stream's position and byte order.
     */
    static int firstLostPage(ImageInputStream in, long length) throws IOException {
        long mark = in.getStreamPosition();
        ByteOrder order = in.getByteOrder();
        try {
            in.seek(0);
            int b0 = in.read();
            int b1 = in.read();
            if (b0 == 'I' && b1 == 'I') {
                in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
            } else if (b0 == 'M' && b1 == 'M') {
                in.setByteOrder(ByteOrder.BIG_ENDIAN);
            } else {
                return 0;
            }
            int magic = in.readUnsignedShort();
            boolean big = magic == 43;
            if (!big && magic != 42) {
                return 0;
            }
            if (big) {
                in.skipBytes(4);
            }
            long offset = big ? in.readLong() : in.readUnsignedInt();
            for (int page = 1; offset != 0 && page <= MAX_PAGES; page++) {
                int countSize = big ? 8 : 2;
                if (offset < 0 || offset + countSize > length) {
                    return page;
                }
                in.seek(offset);
                long entries = big ? in.readLong() : in.readUnsignedShort();
                long next = offset + countSize + entries * (big ? 20 : 12);
                if (entries < 0 || next + (big ? 8 : 4) > length) {
                    return page;
                }
                in.seek(next);
                long following = big ? in.readLong() : in.readUnsignedInt();
                if (following == offset) {
                    return 0;
                }
                offset = following;
            }
            return 0;
        } finally {
            in.setByteOrder(order);
            in.seek(mark);
        }
    }
}

package org.digitocr.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image stream over a seekable channel (a file opened through NIO, so any name the file system holds can be
 * read). It does no buffering of its own: it is read through TwelveMonkeys' {@code BufferedImageInputStream},
 * which asks it for whole blocks.
 */
final class ChannelImageInputStream extends ImageInputStreamImpl {
    private final SeekableByteChannel channel;

    ChannelImageInputStream(SeekableByteChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        channel.position(streamPos);
        int n = channel.read(ByteBuffer.wrap(b, off, len));
        if (n > 0) {
            streamPos += n;
        }
        return n;
    }

    @Override
    public long length() {
        try {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        super.close();
        channel.close();
    }
}

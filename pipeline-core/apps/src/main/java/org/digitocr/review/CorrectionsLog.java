package org.digitocr.review;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corrections table as JSON Lines: decisions are appended as whole lines, in one write per call, and forced to
 * disk before they are acknowledged, so a crash never loses a decision it confirmed. A field decided twice keeps
 * its latest decision.
 *
 * <p>Lines stay plain JSON (what Spark and {@code TrainJob} read), so "whole lines or nothing" is kept by repair
 * rather than by a framing that every reader would have to learn: a failed write is cut back, and a last line
 * without its newline (a crash or a full disk mid-write: never confirmed) is moved to the quarantine file
 * {@code FILE.quarantine} before the next append and at open, or given its newline when it holds a whole decision.
 * At open, a line that is not a correction is moved there too, with a warning naming its line, and every decision
 * around it is kept; {@link #read} skips such lines with the same warning and changes nothing.
 */
public final class CorrectionsLog implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** What is appended to the log's name for the file its odd lines and torn tails are moved to. */
    public static final String QUARANTINE = ".quarantine";
    private static final ObjectReader LINE = JSON.readerFor(Correction.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final byte[] START = "{\"run_id\"".getBytes(StandardCharsets.UTF_8);
    private static final Logger LOG = LoggerFactory.getLogger(CorrectionsLog.class);

    private final Path file;
    private final FileChannel channel;
    private final Map<FieldKey, Correction> latest;

    private CorrectionsLog(Path file, FileChannel channel, Map<FieldKey, Correction> latest) {
        this.file = file;
        this.channel = channel;
        this.latest = latest;
    }

    /**
     * Opens {@code file} for appending (created when missing) and reads the decisions it holds, first moving what
     * is not a whole decision to the quarantine file.
     */
    public static CorrectionsLog open(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        Scan scan = Scan.of(Files.readAllBytes(file));
        if (!scan.clean()) {
            for (Odd o : scan.odd()) {
                LOG.warn("{}: line {} is not a correction ({}); moved to {}", file, o.line(), o.why(),
                        quarantine(file));
            }
            if (scan.tailWithoutNewline()) {
                LOG.warn("{}: its last line is a whole decision without its newline (a crash while it was written);"
                        + " kept", file);
            }
            rewrite(file, scan);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new CorrectionsLog(file, ch, scan.latest());
    }

    /**
     * The latest decision of every field in {@code file} (empty when it does not exist). A line that is not a
     * correction is skipped with a warning naming it; the file is not changed.
     */
    public static Map<FieldKey, Correction> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        Scan scan = Scan.of(Files.readAllBytes(file));
        for (Odd o : scan.odd()) {
            LOG.warn("{}: line {} is not a correction ({}); skipped", file, o.line(), o.why());
        }
        return scan.latest();
    }

    /** The file odd lines and torn tails of {@code log} are moved to. */
    public static Path quarantine(Path log) {
        return log.resolveSibling(log.getFileName() + QUARANTINE);
    }

    /** Appends {@code c} and forces it to disk; when this returns, the decision survives a crash. */
    public void append(Correction c) throws IOException {
        append(List.of(c));
    }

    /**
     * Appends all of {@code cs} in one write and forces them to disk: when this returns they all survive a crash;
     * when it throws, none is in the log.
     */
    public synchronized void append(List<Correction> cs) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (Correction c : cs) {
            lines.writeBytes((JSON.writeValueAsString(c) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        endWithNewline();
        long end = channel.size();
        try {
            ByteBuffer b = ByteBuffer.wrap(lines.toByteArray());
            long at = end;
            while (b.hasRemaining()) {
                at += channel.write(b, at);
            }
            channel.force(true);
        } catch (IOException e) {
            cutBack(end, e);
            throw e;
        }
        cs.forEach(c -> latest.put(c.key(), c));
    }

    /** Takes a failed write back out of the log, so that the log still ends with a whole line. */
    private void cutBack(long end, IOException cause) {
        try {
            channel.truncate(end);
            channel.force(true);
        } catch (IOException e) {
            cause.addSuppressed(e);
            LOG.warn("{}: a failed write could not be cut back; the next append moves it to {}", file,
                    quarantine(file), e);
        }
    }

    /** Before an append: a last line left without its newline is completed if whole, else quarantined and cut. */
    private void endWithNewline() throws IOException {
        long size = channel.size();
        long start = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (start > 0) {
            one.clear();
            channel.read(one, start - 1);
            if (one.get(0) == '\n') {
                break;
            }
            start--;
        }
        if (start == size) {
            return;
        }
        ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(size - start));
        for (int n = 0; tail.hasRemaining() && n >= 0; ) {
            n = channel.read(tail, start + tail.position());
        }
        Correction whole = parse(tail.array());
        if (whole != null) {
            LOG.warn("{}: its last line is a whole decision without its newline; completed", file);
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
            latest.put(whole.key(), whole);
        } else {
            LOG.warn("{}: its last line, {} bytes, was cut short mid-write; moved to {}", file, size - start,
                    quarantine(file));
            toQuarantine(file, List.of(tail.array()));
            channel.truncate(start);
        }
        channel.force(true);
    }

    /** Moves the odd pieces to the quarantine file, then replaces the log by its whole decisions, atomically. */
    private static void rewrite(Path file, Scan scan) throws IOException {
        toQuarantine(file, scan.odd().stream().map(Odd::bytes).toList());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".repair");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(scan.whole());
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(file);
    }

    private static void toQuarantine(Path file, List<byte[]> pieces) throws IOException {
        if (pieces.isEmpty()) {
            return;
        }
        try (FileChannel q = FileChannel.open(quarantine(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (byte[] p : pieces) {
                ByteBuffer b = ByteBuffer.allocate(p.length + 1).put(p).put((byte) '\n').flip();
                while (b.hasRemaining()) {
                    q.write(b);
                }
            }
            q.force(true);
        }
    }

    private static void forceDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot force the folder {} to disk", dir, e);
        }
    }

    /** The correction {@code line} holds, or null when it is not exactly one. */
    private static Correction parse(byte[] line) {
        try {
            return LINE.readValue(line);
        } catch (IOException e) {
            return null;
        }
    }

    private static String why(byte[] line) {
        try {
            return LINE.readValue(line) == null ? "null" : "?";
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** A piece of the log that is not a correction: its 1-based line, why, and its bytes. */
    private record Odd(int line, String why, byte[] bytes) {
    }

    /**
     * The log split into its whole decisions (their lines as written) and its odd pieces. A line that is a torn
     * start glued to a whole decision (a decision appended after a crash mid-write, by a station before the
     * repair) gives the decision, and its start is odd.
     */
    private record Scan(Map<FieldKey, Correction> latest, byte[] whole, List<Odd> odd, boolean clean,
                        boolean tailWithoutNewline) {
        static Scan of(byte[] log) {
            Map<FieldKey, Correction> latest = new LinkedHashMap<>();
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            List<Odd> odd = new ArrayList<>();
            boolean tailWithoutNewline = false;
            int lineNo = 0;
            int from = 0;
            while (from < log.length) {
                lineNo++;
                int nl = indexOf(log, (byte) '\n', from);
                int to = nl < 0 ? log.length : nl;
                byte[] line = Arrays.copyOfRange(log, from, to);
                from = to + 1;
                if (new String(line, StandardCharsets.UTF_8).isBlank()) {
                    continue;
                }
                Correction c = parse(line);
                int glued = c == null ? lastIndexOf(line, START) : -1;
                if (c == null && glued > 0) {
                    c = parse(Arrays.copyOfRange(line, glued, line.length));
                    if (c != null) {
                        odd.add(new Odd(lineNo, "a torn start glued to a whole decision, which is kept",
                                Arrays.copyOfRange(line, 0, glued)));
                        line = Arrays.copyOfRange(line, glued, line.length);
                    }
                }
                if (c == null) {
                    odd.add(new Odd(lineNo, nl < 0 ? "the last line, cut short mid-write" : why(line), line));
                    continue;
                }
                tailWithoutNewline |= nl < 0;
                latest.put(c.key(), c);
                whole.writeBytes(line);
                whole.write('\n');
            }
            return new Scan(latest, whole.toByteArray(), List.copyOf(odd), odd.isEmpty() && !tailWithoutNewline,
                    tailWithoutNewline);
        }

        private static int indexOf(byte[] a, byte b, int from) {
            for (int i = from; i < a.length; i++) {
                if (a[i] == b) {
                    return i;
                }
            }
            return -1;
        }

        private static int lastIndexOf(byte[] a, byte[] part) {
            for (int i = a.length - part.length; i >= 0; i--) {
                if (Arrays.equals(a, i, i + part.length, part, 0, part.length)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** The latest decision of every field, in the order first decided. */
    public synchronized Map<FieldKey, Correction> latest() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(latest));
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

package org.digitocr.review;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corrections table as JSON Lines: each decision is appended as one line and forced to disk before it is
 * acknowledged, so a crash of the station never loses a decision it confirmed. A field decided twice keeps its
 * latest decision; a last line cut short by a crash mid-write (never confirmed) is ignored when the log is read and
 * cut off when it is opened for appending.
 */
public final class CorrectionsLog implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(CorrectionsLog.class);

    private final Path file;
    private final FileChannel channel;
    private final Map<FieldKey, Correction> latest;

    private CorrectionsLog(Path file, FileChannel channel, Map<FieldKey, Correction> latest) {
        this.file = file;
        this.channel = channel;
        this.latest = latest;
    }

    /** Opens {@code file} for appending (created when missing) and reads the decisions it already holds. */
    public static CorrectionsLog open(Path file) throws IOException {
        Map<FieldKey, Correction> latest = read(file);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        cutTornLine(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new CorrectionsLog(file, ch, latest);
    }

    /** The latest decision of every field in {@code file} (empty when it does not exist). */
    public static Map<FieldKey, Correction> read(Path file) throws IOException {
        Map<FieldKey, Correction> latest = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return latest;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                Correction c = JSON.readValue(line, Correction.class);
                latest.put(c.key(), c);
            } catch (JsonProcessingException e) {
                if (i < lines.size() - 1) {
                    throw new IOException(file + ": line " + (i + 1) + " is not a correction: " + e.getOriginalMessage(), e);
                }
                LOG.warn("{}: ignoring its last line, cut short (a crash while it was written)", file);
            }
        }
        return latest;
    }

    /** Appends {@code c} and forces it to disk; when this returns, the decision survives a crash. */
    public synchronized void append(Correction c) throws IOException {
        byte[] line = (JSON.writeValueAsString(c) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(true);
        latest.put(c.key(), c);
    }

    /** Cuts a last line that a crash left without its end: it was never confirmed, and appends start clean. */
    private static void cutTornLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = ch.size();
            ByteBuffer b = ByteBuffer.allocate(1);
            long keep = end;
            while (keep > 0) {
                b.clear();
                ch.read(b, keep - 1);
                if (b.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < end) {
                LOG.warn("{}: cutting its last line, {} bytes a crash left unfinished", file, end - keep);
                ch.truncate(keep);
                ch.force(true);
            }
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

package org.digitocr.extract;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes records as JSON Lines (one object per line), the output format of {@code extract}. */
public final class JsonlWriter implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);
    private final BufferedWriter out;

    public JsonlWriter(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    public synchronized void write(Object record) throws IOException {
        out.write(JSON.writeValueAsString(record));
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

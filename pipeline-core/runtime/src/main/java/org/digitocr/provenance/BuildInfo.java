package org.digitocr.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build of digit-ocr is (its version, DL4J release and ND4J backend), stamped by Maven at build time. */
public record BuildInfo(String version, String dl4j, String nd4jBackend) {
    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build.properties", e);
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("dl4j", "unknown"),
                p.getProperty("nd4jBackend", "unknown"));
    }
}

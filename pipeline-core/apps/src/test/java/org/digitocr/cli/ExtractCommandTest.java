package org.digitocr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.digitocr.TestData;
import org.digitocr.model.ModelIdentity;
import org.digitocr.provenance.BuildInfo;
import org.digitocr.sample.SampleBatchWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extract} on the committed sample batch: every file accounted for, bad inputs rejected with reasons. */
class ExtractCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void extractsTheSampleBatchAndAccountsForEveryFile(@TempDir Path out) throws Exception {
        Path root = TestData.projectRoot();
        Path samples = root.resolve("data/samples");
        CliTest.Run r = CliTest.run("extract", "--templates", root.resolve("conf/templates").toString(),
                "--input", samples.toString(), "--output", out.toString(),
                "--model", TestData.formsModel().dir().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("pages/s"), r.out());

        List<JsonNode> fields = lines(out.resolve("fields.jsonl"));
        List<JsonNode> rejects = lines(out.resolve("rejects.jsonl"));
        Set<String> inputs = new TreeSet<>();
        try (var s = Files.list(samples)) {
            s.forEach(p -> inputs.add(p.toString()));
        }
        Set<String> seen = new HashSet<>();
        fields.forEach(f -> seen.add(f.get("source").asText()));
        rejects.forEach(f -> seen.add(f.get("source").asText()));
        assertEquals(inputs, new TreeSet<>(seen), "every input file is in fields.jsonl or rejects.jsonl");

        Map<String, String> reasons = new HashMap<>();
        rejects.forEach(j -> reasons.put(Path.of(j.get("source").asText()).getFileName().toString(), j.get("reason").asText()));
        Map<String, String> codes = new HashMap<>();
        rejects.forEach(j -> codes.put(Path.of(j.get("source").asText()).getFileName().toString(),
                j.get("reason_code").asText()));
        assertEquals(Map.of("bad-empty.png", "EMPTY_FILE", "bad-not-an-image.png", "UNSUPPORTED_FORMAT",
                "bad-truncated.jpg", "CORRUPT_IMAGE", "bad-blank-page.png", "NO_REGISTRATION_MARKS"),
                Map.of("bad-empty.png", codes.get("bad-empty.png"), "bad-not-an-image.png",
                        codes.get("bad-not-an-image.png"), "bad-truncated.jpg", codes.get("bad-truncated.jpg"),
                        "bad-blank-page.png", codes.get("bad-blank-page.png")), codes.toString());
        assertTrue(reasons.get("bad-empty.png").contains("empty file"), reasons.toString());
        assertTrue(reasons.get("bad-not-an-image.png").contains("not a supported image"), reasons.toString());
        assertTrue(reasons.get("bad-truncated.jpg").contains("corrupt"), reasons.toString());
        assertTrue(reasons.get("bad-blank-page.png").contains("no registration marks"), reasons.toString());
        assertTrue(reasons.get("bad-unknown-form.png").contains("no registration marks")
                || reasons.get("bad-unknown-form.png").contains("fits no template"), reasons.toString());
        assertEquals(5, rejects.size(), rejects.toString());

        ModelIdentity model = TestData.formsModel().identity();
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (JsonNode row : concat(fields, rejects)) {
            assertEquals(model.id(), row.get("model_id").asText(), "every row names its model: " + row);
            assertEquals(model.cardSha256(), row.get("model_card_sha256").asText());
            assertEquals(BuildInfo.current().version(), row.get("product_version").asText());
            Path source = Path.of(row.get("source").asText());
            assertEquals(Files.size(source), row.get("source_bytes").asLong(), "lineage: the file's size");
            assertEquals(java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(source))),
                    row.get("source_sha256").asText(), "lineage: the SHA-256 of the bytes read");
            assertEquals(Files.getLastModifiedTime(source).toInstant(),
                    java.time.Instant.parse(row.get("source_modified_at").asText()));
            java.time.Instant.parse(row.get("processed_at").asText());
        }
        assertTrue(model.id().startsWith(TestData.formsModel().readCard().name() + "@"), model.id());
        Map<String, String> templateSha = new HashMap<>();
        try (var files = Files.list(root.resolve("conf/templates"))) {
            for (Path t : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                templateSha.put(JSON.readTree(t.toFile()).get("name").asText(),
                        java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(t))));
            }
        }
        for (JsonNode f : fields) {
            assertEquals(templateSha.get(f.get("template").asText()), f.get("template_sha256").asText(),
                    "lineage: the SHA-256 of the template file the field was read with");
        }
        Set<Integer> tiffPages = new TreeSet<>();
        Set<Integer> faxPages = new TreeSet<>();
        for (JsonNode f : fields) {
            if (f.get("source").asText().endsWith("batch-multipage.tif")) {
                tiffPages.add(f.get("page").asInt());
            }
            if (f.get("source").asText().endsWith(SampleBatchWriter.FAX)) {
                faxPages.add(f.get("page").asInt());
            }
            for (String key : List.of("template", "field", "value", "confidence", "digits", "valid", "needs_review",
                    "reasons", "suggestion")) {
                assertTrue(f.has(key), key + " missing in " + f);
            }
        }
        assertEquals(Set.of(1, 2, 3), tiffPages);
        assertEquals(Set.of(1, 2), faxPages, "both pages of the black-and-white fax TIFF read, the upside-down one");
    }

    @Test
    void filesAboveTheSizeLimitAreRefusedBeforeReadingAndRecorded(@TempDir Path out) throws Exception {
        Path root = TestData.projectRoot();
        Path samples = root.resolve("data/samples");
        CliTest.Run r = CliTest.run("extract", "--templates", root.resolve("conf/templates").toString(),
                "--input", samples.toString(), "--output", out.toString(), "--max-file-bytes", "20000",
                "--model", TestData.formsModel().dir().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Map<String, String> reasons = new HashMap<>();
        lines(out.resolve("rejects.jsonl")).forEach(j -> reasons.put(j.get("source").asText(), j.get("reason").asText()));
        Set<String> seen = new HashSet<>(reasons.keySet());
        lines(out.resolve("fields.jsonl")).forEach(f -> seen.add(f.get("source").asText()));
        try (var files = Files.list(samples)) {
            for (Path f : files.toList()) {
                assertTrue(seen.contains(f.toString()), "accounted for: " + f);
                if (Files.size(f) > 20000) {
                    assertEquals("file too large: " + Files.size(f) + " bytes, above the limit of 20000",
                            reasons.get(f.toString()));
                }
            }
        }
    }

    @Test
    void anOutputOntoItsInputOrHoldingItIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path root = TestData.projectRoot();
        Path scans = Files.createDirectories(dir.resolve("night/scans"));
        Files.copy(root.resolve("data/samples/form-01.png"), scans.resolve("form-01.png"));
        for (Path output : new Path[] {scans, dir.resolve("night"), dir.resolve("night/scans/../scans/")}) {
            CliTest.Run r = CliTest.run("extract", "--templates", root.resolve("conf/templates").toString(),
                    "--input", scans.toString(), "--output", output.toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("--output " + scans.getParent()) && r.err().contains("give an output folder outside"),
                    r.err());
        }
        try (var left = Files.list(scans)) {
            assertEquals(List.of(scans.resolve("form-01.png")), left.toList(), "the scans untouched, nothing written");
        }
        assertEquals(List.of(scans), Files.list(dir.resolve("night")).toList());
    }

    @Test
    void optionsOutOfRangeAreRefusedBeforeAnyWorkAsInTheSparkJob(@TempDir Path out) {
        Path root = TestData.projectRoot();
        CliTest.Run r = CliTest.run("extract", "--templates", root.resolve("conf/templates").toString(),
                "--input", root.resolve("data/samples").toString(), "--output", out.resolve("o").toString(),
                "--target-error", "2");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--target-error must be in (0, 1), got 2.0"), r.err());
        assertTrue(!Files.exists(out.resolve("o")), "nothing written");
        CliTest.Run pages = CliTest.run("extract", "--templates", root.resolve("conf/templates").toString(),
                "--input", root.resolve("data/samples").toString(), "--output", out.resolve("o").toString(),
                "--max-pages", "0");
        assertEquals(1, pages.code());
        assertTrue(pages.err().contains("--max-pages") && pages.err().lines().count() == 1, pages.err());
        assertTrue(!Files.exists(out.resolve("o")), "nothing written");
    }

    @Test
    void aRunWithMoreRejectsThanAllowedExitsWithThreeAfterWritingItsOutput(@TempDir Path out) throws Exception {
        Path root = TestData.projectRoot();
        CliTest.Run r = CliTest.run("extract", "--templates", root.resolve("conf/templates").toString(),
                "--input", root.resolve("data/samples").toString(), "--output", out.toString(),
                "--model", TestData.formsModel().dir().toString(), "--max-reject-rate", "0.2");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("5 of 14 files (35.7%) have reject rows, above --max-reject-rate 0.2"), r.err());
        assertEquals(5, lines(out.resolve("rejects.jsonl")).size(), "the output is written all the same");
        assertEquals(5, JSON.readTree(out.resolve("summary.json").toFile()).get("filesWithRejects").asInt());
    }

    @Test
    void aFileAboveTwoGigabytesIsReadAsAStreamNotAnArray(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path big = in.resolve("big.png");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(2_500_000_000L); // sparse: no disk used
        }
        Path root = TestData.projectRoot();
        CliTest.Run r = CliTest.run("extract", "--templates", root.resolve("conf/templates").toString(),
                "--input", in.toString(), "--output", dir.resolve("out").toString(), "--max-file-bytes", "3000000000",
                "--model", TestData.formsModel().dir().toString());
        assertEquals(2, r.code(), r.out() + r.err());
        JsonNode reject = lines(dir.resolve("out/rejects.jsonl")).get(0);
        assertEquals("UNSUPPORTED_FORMAT", reject.get("reason_code").asText(), reject.toString());
        assertEquals(2_500_000_000L, reject.get("source_bytes").asLong());
        assertEquals(64, reject.get("source_sha256").asText().length(), "hashed as a stream");
    }

    @Test
    void aRunInWhichEveryFileIsRejectedExitsWithTwo(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("notes.png"), "not a scan");
        Files.write(in.resolve("empty.tif"), new byte[0]);
        Files.writeString(in.resolve(".DS_Store"), "x");
        Files.writeString(in.resolve("_SUCCESS"), "");
        Path root = TestData.projectRoot();
        CliTest.Run r = CliTest.run("extract", "--templates", root.resolve("conf/templates").toString(),
                "--input", in.toString(), "--output", dir.resolve("out").toString(),
                "--model", TestData.formsModel().dir().toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("every one of the 2 files was rejected"), r.err());
        assertEquals(2, lines(dir.resolve("out/rejects.jsonl")).size(), "the rejects are written all the same");
        JsonNode skipped = JSON.readTree(dir.resolve("out/summary.json").toFile()).get("skipped");
        assertEquals(2, skipped.get("count").asInt(), skipped.toString());
        assertEquals(2, skipped.get("byReason").get("HIDDEN_NAME").asInt(), skipped.toString());
        assertEquals(in.resolve(".DS_Store").toString(), skipped.get("listed").get(0).get("path").asText());
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}

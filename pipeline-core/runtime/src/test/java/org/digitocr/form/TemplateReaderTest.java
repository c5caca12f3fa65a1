package org.digitocr.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.digitocr.TestData;
import org.digitocr.validate.CheckDigits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateReaderTest {
    private final TemplateReader reader = new TemplateReader(CheckDigits.standard().names());

    @Test
    void readsTheIssueExampleTemplate() {
        FormTemplate t = reader.read(TestData.projectRoot().resolve("conf/templates/zip-slip.json"));
        assertEquals("zip-slip", t.name());
        assertEquals(1700, t.width());
        assertEquals(4, ((Anchors.Marks) t.anchors()).centres().size());
        FieldSpec zip = t.field("zip");
        assertEquals(5, zip.cells());
        assertEquals(new Box(200, 300, 120, 110), zip.cell(0));
        assertEquals(new Box(680, 300, 120, 110), zip.cell(4));
        assertTrue(zip.pattern().orElseThrow().matcher("12345").matches());
        assertEquals("luhn", t.field("account").check().orElseThrow());
        assertTrue(!t.field("amount").boxed());
    }

    @Test
    void ignoresUnknownKeys(@TempDir Path dir) throws IOException {
        String json = Files.readString(TestData.projectRoot().resolve("conf/templates/zip-slip.json"))
                .replace("\"markSize\"", "\"comment\": \"printed by ACME\", \"markSize\"");
        assertEquals("zip-slip", reader.read(write(dir, json)).name());
    }

    @Test
    void refusesMissingOrWrongKeysNamingFileAndKey(@TempDir Path dir) throws IOException {
        String good = Files.readString(TestData.projectRoot().resolve("conf/templates/zip-slip.json"));
        List<String[]> cases = List.of(
                new String[] {good.replace("\"markSize\": 40,", ""), "markSize"},
                new String[] {good.replace("\"size\": [1700, 1100]", "\"size\": [1700]"), "size"},
                new String[] {good.replace("\"cells\": 5", "\"cells\": \"five\""), "fields[0].cells"},
                new String[] {good.replace("\"box\": [900, 300, 500, 110]", "\"box\": [900, 300, 5000, 110]"), "fields[1].box"},
                new String[] {good.replace("\"luhn\"", "\"crc\""), "fields[2].check"},
                new String[] {good.replace("[0-9]{5}", "[0-9"), "fields[0].pattern"},
                new String[] {good.replace("[1650, 1050]", "[1650, 1050], [10, 10], [20, 20]"), "marks"},
                new String[] {good.replace("\"name\": \"zip-slip\",", ""), "name"},
                new String[] {good.replace("\"name\": \"amount\"", "\"name\": \"zip\""), "fields[1].name"},
                new String[] {"{ not json", "not valid JSON"},
                new String[] {good.replace("\"cells\": 5", "\"cells\": 5000"), "fields[0].cells"},
                new String[] {good.replace("\"markSize\": 40", "\"markSize\": 100000"), "markSize"},
                new String[] {good.replace("[1650, 50]", "[50, 50]"), "marks"},
                new String[] {good.replace("[1650, 50], [50, 1050], [1650, 1050]", "[850, 50], [1650, 50], [1250, 50]"),
                        "on one line"},
                new String[] {good.replace("\"box\": [900, 300, 500, 110]", "\"box\": [2147483000, 300, 5000, 110]"),
                        "fields[1].box"},
                new String[] {good.replace("\"name\": \"zip-slip\"", "\"name\": \"" + "z".repeat(300) + "\""), "name"},
                new String[] {good.replace("\"name\": \"zip-slip\"", "\"name\": \"../x\""), "name"},
                new String[] {good.replace("\"name\": \"amount\"", "\"name\": \"a\\nb\""), "fields[1].name"},
                new String[] {good.replace("\"cells\": 5", "\"cells\": 5, \"type\": \"date\""), "fields[0].cells' must be 8"},
                new String[] {good.replace("\"cells\": 5", "\"cells\": 5, \"type\": \"amount\""), "fields[0].cells' must be 0"},
                new String[] {good.replace("\"cells\": 5", "\"cells\": 5, \"type\": \"money\""), "fields[0].type"},
                new String[] {good.replace("\"markSize\": 40,", "\"markSize\": 40, \"printing\": {\"workWidth\": 1000,"
                        + " \"points\": [1, 2], \"descriptors\": \"AAAA\"},"), "printing"});
        for (String[] c : cases) {
            Path f = write(dir, c[0]);
            TemplateException e = assertThrows(TemplateException.class, () -> reader.read(f), c[1]);
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), "expected '" + c[1] + "' in: " + e.getMessage());
        }
    }

    @Test
    void readsDateAndAmountFields(@TempDir Path dir) throws IOException {
        String good = Files.readString(TestData.projectRoot().resolve("conf/templates/zip-slip.json"));
        String json = good.replace("\"cells\": 5,", "\"cells\": 8, \"type\": \"date\", \"years\": [2015, 2030],")
                .replace("[200, 300, 600, 110]", "[200, 300, 800, 110]")
                .replace("\"cells\": 0", "\"cells\": 0, \"type\": \"amount\"");
        FormTemplate t = reader.read(write(dir, json));
        assertEquals(new FieldType.Date(2015, 2030), t.field("zip").type());
        assertEquals(FieldType.AMOUNT, t.field("amount").type());
        assertEquals(FieldType.DIGITS, t.field("account").type());
    }

    @Test
    void readsADirectoryAndRefusesDuplicateNames(@TempDir Path dir) throws IOException {
        String good = Files.readString(TestData.projectRoot().resolve("conf/templates/zip-slip.json"));
        Files.writeString(dir.resolve("a.json"), good);
        assertEquals(1, reader.readAll(List.of(dir)).size());
        Files.writeString(dir.resolve("b.json"), good);
        TemplateException e = assertThrows(TemplateException.class, () -> reader.readAll(List.of(dir)));
        assertTrue(e.getMessage().contains("used twice"), e.getMessage());
    }

    private static int n;

    private static Path write(Path dir, String json) throws IOException {
        return Files.writeString(dir.resolve("t" + (n++) + ".json"), json);
    }
}

package org.digitocr.form;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads form templates from JSON (the format users write; see docs/forms.md "Templates"). Unknown keys are
 * ignored; a missing or wrong key is refused with the file and the key named, so a bad template stops a
 * batch at start rather than producing wrong values all night.
 */
public final class TemplateReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> knownChecks;

    /** @param knownChecks names a template's {@code check} may use */
    public TemplateReader(Set<String> knownChecks) {
        this.knownChecks = Set.copyOf(knownChecks);
    }

    /** Reads every {@code *.json} in a directory, or the given files; template names must be unique. */
    public List<FormTemplate> readAll(List<Path> dirsOrFiles) {
        Map<String, String> json = new LinkedHashMap<>();
        for (Path p : dirsOrFiles) {
            for (Path f : expand(p)) {
                try {
                    json.put(f.toString(), Files.readString(f));
                } catch (IOException e) {
                    throw new TemplateException(f.toString(), "cannot read (" + e + ")", e);
                }
            }
        }
        if (json.isEmpty()) {
            throw new TemplateException(dirsOrFiles.toString(), "no template files (*.json) found");
        }
        return parseAll(json);
    }

    private static List<Path> expand(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new TemplateException(p.toString(), "cannot list directory (" + e.getMessage() + ")", e);
        }
    }

    public FormTemplate read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TemplateException(file.toString(), "cannot read (" + e + ")", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses templates given as JSON text keyed by where each came from (e.g. files on a Hadoop file system
     * read by a Spark driver); names must be unique.
     */
    public List<FormTemplate> parseAll(Map<String, String> jsonBySource) {
        List<FormTemplate> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        jsonBySource.forEach((src, json) -> {
            FormTemplate t = parse(json, src);
            if (!names.add(t.name())) {
                throw new TemplateException(src, "template name '" + t.name() + "' is used twice");
            }
            out.add(t);
        });
        if (out.isEmpty()) {
            throw new TemplateException(jsonBySource.keySet().toString(), "no template files (*.json) found");
        }
        return List.copyOf(out);
    }

    /** Parses one template from its JSON text; {@code src} names it in errors. */
    public FormTemplate parse(String json, String src) {
        try {
            return parse(JSON.readTree(json), src, sha256(json));
        } catch (JsonProcessingException e) {
            throw new TemplateException(src, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private FormTemplate parse(JsonNode root, String src, String sha256) {
        if (root == null || !root.isObject()) {
            throw new TemplateException(src, "a template must be a JSON object");
        }
        String name = text(root, "name", src);
        if (!TEMPLATE_NAME.matcher(name).matches()) {
            throw new TemplateException(src, "key 'name' must be 1 to 64 letters, digits, '.', '_' or '-' starting with"
                    + " a letter or digit (it names output partitions and report sections)");
        }
        int[] size = ints(root.get("size"), "size", 2, src);
        if (size[0] <= 0 || size[1] <= 0) {
            throw new TemplateException(src, "key 'size' must be a positive width and height");
        }
        Anchors anchors = root.has("printing") ? printing(root, size, src) : marks(root, size, src);
        JsonNode fieldsNode = array(root, "fields", src);
        if (fieldsNode.isEmpty()) {
            throw new TemplateException(src, "key 'fields' is empty");
        }
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> fieldNames = new HashSet<>();
        for (int i = 0; i < fieldsNode.size(); i++) {
            FieldSpec f = field(fieldsNode.get(i), "fields[" + i + "]", size, src);
            if (!fieldNames.add(f.name())) {
                throw new TemplateException(src, "key 'fields[" + i + "].name': field '" + f.name() + "' is defined twice");
            }
            fields.add(f);
        }
        return new FormTemplate(name, src, sha256, size[0], size[1], anchors, List.copyOf(fields));
    }

    private static Anchors marks(JsonNode root, int[] size, String src) {
        if (!root.has("marks") && !root.has("markSize")) {
            throw new TemplateException(src, "missing key 'marks' (with 'markSize') or 'printing': a template finds its"
                    + " layout by registration marks or by its printing (digit-ocr template makes one from a sample)");
        }
        int markSize = positive(root, "markSize", src);
        if (markSize > Math.min(size[0], size[1]) / 4) {
            throw new TemplateException(src, "key 'markSize' is " + markSize + " px, more than a quarter of the form's"
                    + " smaller side (" + Math.min(size[0], size[1]) + " px)");
        }
        JsonNode marksNode = array(root, "marks", src);
        if (marksNode.size() < 3 || marksNode.size() > 4) {
            throw new TemplateException(src, "key 'marks' must list 3 or 4 mark centres, has " + marksNode.size());
        }
        List<FormTemplate.Point> marks = new ArrayList<>();
        for (int i = 0; i < marksNode.size(); i++) {
            int[] xy = ints(marksNode.get(i), "marks[" + i + "]", 2, src);
            if (xy[0] < 0 || xy[1] < 0 || xy[0] >= size[0] || xy[1] >= size[1]) {
                throw new TemplateException(src, "key 'marks[" + i + "]' lies outside the form");
            }
            marks.add(new FormTemplate.Point(xy[0], xy[1]));
        }
        requireSpread(marks, markSize, size, src);
        return new Anchors.Marks(markSize, marks);
    }

    /** Fewest printed features a template must keep to be found again on a page. */
    static final int MIN_FEATURES = 100;

    private static Anchors printing(JsonNode root, int[] size, String src) {
        JsonNode p = root.get("printing");
        if (!p.isObject()) {
            throw new TemplateException(src, "key 'printing' must be an object");
        }
        int workWidth = positive(p, "workWidth", src);
        JsonNode pts = array(p, "points", src);
        float[] points = new float[pts.size()];
        for (int i = 0; i < points.length; i++) {
            if (!pts.get(i).isNumber()) {
                throw new TemplateException(src, "key 'printing.points' must be an array of numbers");
            }
            points[i] = (float) pts.get(i).asDouble();
            if (points[i] < 0 || points[i] > size[i % 2]) {
                throw new TemplateException(src, "key 'printing.points[" + i + "]' lies outside the form");
            }
        }
        byte[] descriptors;
        try {
            descriptors = java.util.Base64.getDecoder().decode(text(p, "descriptors", "printing", src));
        } catch (IllegalArgumentException e) {
            throw new TemplateException(src, "key 'printing.descriptors' is not Base64", e);
        }
        Anchors.Printing printing;
        try {
            printing = new Anchors.Printing(workWidth, points, descriptors);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(src, "key 'printing': " + e.getMessage(), e);
        }
        if (printing.count() < MIN_FEATURES) {
            throw new TemplateException(src, "key 'printing' keeps " + printing.count() + " features, fewer than "
                    + MIN_FEATURES + ": too little printing to find the layout by (a blank or nearly blank sample?)");
        }
        return printing;
    }

    private static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Narrowest cell a digit can be written and read in, in template pixels. */
    static final int MIN_CELL = 10;

    /**
     * Marks that can register a page: apart from each other by more than a mark, and not on one line, so the
     * page's position, scale and rotation follow from them (the widest triangle they span covers at least 5% of the
     * form).
     */
    private static void requireSpread(List<FormTemplate.Point> marks, int markSize, int[] size, String src) {
        double widest = 0;
        for (int i = 0; i < marks.size(); i++) {
            for (int j = i + 1; j < marks.size(); j++) {
                FormTemplate.Point a = marks.get(i);
                FormTemplate.Point b = marks.get(j);
                if (Math.hypot(a.x() - b.x(), a.y() - b.y()) < 2 * markSize) {
                    throw new TemplateException(src, "key 'marks': marks " + i + " and " + j
                            + " are closer than two mark sizes; they cannot be told apart");
                }
                for (int k = j + 1; k < marks.size(); k++) {
                    FormTemplate.Point c = marks.get(k);
                    widest = Math.max(widest, Math.abs((b.x() - a.x()) * (c.y() - a.y())
                            - (c.x() - a.x()) * (b.y() - a.y())) / 2);
                }
            }
        }
        if (widest < 0.05 * size[0] * size[1]) {
            throw new TemplateException(src, "key 'marks': the marks lie (nearly) on one line; they must span the"
                    + " form (a triangle of at least 5% of its area) to register a page");
        }
    }

    private FieldSpec field(JsonNode node, String key, int[] size, String src) {
        if (node == null || !node.isObject()) {
            throw new TemplateException(src, "key '" + key + "' must be an object");
        }
        String name = text(node, "name", key, src);
        if (name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw new TemplateException(src, "key '" + key + ".name' must be at most 64 characters, none a control"
                    + " character");
        }
        int[] b = ints(node.get("box"), key + ".box", 4, src);
        if (b[2] <= 0 || b[3] <= 0) {
            throw new TemplateException(src, "key '" + key + ".box' needs a positive width and height");
        }
        Box box = new Box(b[0], b[1], b[2], b[3]);
        if (!box.inside(size[0], size[1])) {
            throw new TemplateException(src, "key '" + key + ".box' lies outside the form's size");
        }
        JsonNode cellsNode = node.get("cells");
        if (cellsNode == null || !cellsNode.canConvertToInt() || !cellsNode.isIntegralNumber() || cellsNode.asInt() < 0) {
            throw new TemplateException(src, "key '" + key + ".cells' must be a whole number >= 0 (0 = free-form box)");
        }
        if (cellsNode.asInt() > 0 && box.width() / cellsNode.asInt() < MIN_CELL) {
            throw new TemplateException(src, "key '" + key + ".cells': " + cellsNode.asInt() + " cells in a "
                    + box.width() + "-px box leave " + box.width() / cellsNode.asInt() + " px per digit, under "
                    + MIN_CELL);
        }
        Optional<Pattern> pattern = Optional.empty();
        JsonNode p = node.get("pattern");
        if (p != null && !p.isNull()) {
            if (!p.isTextual()) {
                throw new TemplateException(src, "key '" + key + ".pattern' must be a string");
            }
            try {
                pattern = Optional.of(Pattern.compile(p.asText()));
            } catch (PatternSyntaxException e) {
                throw new TemplateException(src, "key '" + key + ".pattern' is not a valid regular expression ("
                        + e.getDescription() + ")", e);
            }
        }
        Optional<String> check = Optional.empty();
        JsonNode c = node.get("check");
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || !knownChecks.contains(c.asText())) {
                throw new TemplateException(src, "key '" + key + ".check' must be one of " + knownChecks);
            }
            check = Optional.of(c.asText());
        }
        return new FieldSpec(name, box, cellsNode.asInt(), pattern, check, type(node, key, cellsNode.asInt(), src));
    }

    private static FieldType type(JsonNode node, String key, int cells, String src) {
        JsonNode t = node.get("type");
        String code = t == null || t.isNull() ? "digits" : t.asText();
        switch (code) {
            case "digits":
                return FieldType.DIGITS;
            case "amount":
                if (cells != 0) {
                    throw new TemplateException(src, "key '" + key + ".cells' must be 0: an amount is written free-form");
                }
                return FieldType.AMOUNT;
            case "date":
                JsonNode f = node.get("format");
                if (f != null && !FieldType.Date.FORMAT.equals(f.asText())) {
                    throw new TemplateException(src, "key '" + key + ".format' must be " + FieldType.Date.FORMAT);
                }
                if (cells != 8) {
                    throw new TemplateException(src, "key '" + key + ".cells' must be 8: a date is written in eight"
                            + " boxes, " + FieldType.Date.FORMAT);
                }
                int[] years = node.has("years") ? ints(node.get("years"), key + ".years", 2, src)
                        : new int[] {DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR};
                try {
                    return new FieldType.Date(years[0], years[1]);
                } catch (IllegalArgumentException e) {
                    throw new TemplateException(src, "key '" + key + ".years': " + e.getMessage(), e);
                }
            default:
                throw new TemplateException(src, "key '" + key + ".type' must be digits, date or amount");
        }
    }

    /** Years a date field accepts when its template does not say. */
    public static final int DEFAULT_FIRST_YEAR = 2000;
    public static final int DEFAULT_LAST_YEAR = 2099;

    private static String text(JsonNode node, String key, String src) {
        return text(node, key, null, src);
    }

    private static String text(JsonNode node, String key, String parent, String src) {
        JsonNode v = node.get(key);
        String path = parent == null ? key : parent + "." + key;
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new TemplateException(src, (v == null ? "missing key '" : "key '") + path + "'"
                    + (v == null ? "" : " must be a non-empty string"));
        }
        return v.asText();
    }

    private static int positive(JsonNode node, String key, String src) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new TemplateException(src, "missing key '" + key + "'");
        }
        if (!v.isIntegralNumber() || v.asInt() <= 0) {
            throw new TemplateException(src, "key '" + key + "' must be a positive whole number");
        }
        return v.asInt();
    }

    private static JsonNode array(JsonNode node, String key, String src) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new TemplateException(src, "missing key '" + key + "'");
        }
        if (!v.isArray()) {
            throw new TemplateException(src, "key '" + key + "' must be an array");
        }
        return v;
    }

    private static int[] ints(JsonNode v, String key, int n, String src) {
        if (v == null) {
            throw new TemplateException(src, "missing key '" + key + "'");
        }
        if (!v.isArray() || v.size() != n) {
            throw new TemplateException(src, "key '" + key + "' must be an array of " + n + " whole numbers");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (!v.get(i).isIntegralNumber()) {
                throw new TemplateException(src, "key '" + key + "' must be an array of " + n + " whole numbers");
            }
            out[i] = v.get(i).asInt();
        }
        return out;
    }

    private static String sha256(String json) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}

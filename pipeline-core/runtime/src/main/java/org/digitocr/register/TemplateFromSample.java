package org.digitocr.register;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.digitocr.decode.DecodeException;
import org.digitocr.decode.DecodeLimits;
import org.digitocr.decode.DecodedPage;
import org.digitocr.decode.PageDecoder;
import org.digitocr.form.Anchors;
import org.digitocr.form.Box;
import org.digitocr.form.FormTemplate;
import org.digitocr.form.TemplateException;
import org.digitocr.form.TemplateReader;

/**
 * Makes the template of a layout without registration marks (a bank's cheque leaf) from one scan of it, blank or
 * filled in, and a fields file marking its fields in the scan's pixels (docs/forms.md "Templates from a sample").
 * The template keeps the fields and the sample's printing as ORB features; nothing inside the field boxes (or a
 * margin around them) is kept, so the sample's own writing there never becomes part of the layout.
 */
public final class TemplateFromSample {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys of a fields file's field that the template carries over as they are. */
    private static final List<String> FIELD_KEYS = List.of("name", "box", "cells", "type", "format", "years", "pattern",
            "check");

    private final TemplateReader reader;

    /** @param checks names a field's {@code check} may use */
    public TemplateFromSample(Set<String> checks) {
        this.reader = new TemplateReader(checks);
    }

    /** A template made, as the JSON text written and as read back. */
    public record Made(String json, FormTemplate template) {
    }

    /**
     * Makes the template of {@code sample} (its first page) with the fields of {@code fieldsFile}; checks it finds
     * its own sample again.
     *
     * @throws TemplateException naming the file and the reason when either is unusable
     */
    public Made make(Path sample, Path fieldsFile) {
        String fieldsText;
        try {
            fieldsText = Files.readString(fieldsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException(fieldsFile.toString(), "cannot read (" + e.getMessage() + ")", e);
        }
        JsonNode fields;
        try {
            fields = JSON.readTree(fieldsText);
        } catch (IOException e) {
            throw new TemplateException(fieldsFile.toString(), "not valid JSON (" + e.getMessage() + ")", e);
        }
        if (fields == null || !fields.isObject() || !fields.path("fields").isArray() || fields.path("fields").isEmpty()) {
            throw new TemplateException(fieldsFile.toString(), "a fields file is an object with 'name' and a non-empty"
                    + " array 'fields'");
        }
        GreyPage page = GreyPage.of(firstPage(sample));
        JsonNode size = fields.get("sampleSize");
        if (size != null && (size.path(0).asInt() != page.width() || size.path(1).asInt() != page.height())) {
            throw new TemplateException(fieldsFile.toString(), "'sampleSize' is " + size.path(0).asInt() + "x"
                    + size.path(1).asInt() + " but " + sample + " is " + page.width() + "x" + page.height()
                    + ": the boxes must be marked on this very scan");
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("name", fields.get("name"));
        out.putArray("size").add(page.width()).add(page.height());
        ArrayNode outFields = out.putArray("fields");
        for (JsonNode f : fields.get("fields")) {
            ObjectNode of = outFields.addObject();
            for (String k : FIELD_KEYS) {
                if (f.has(k)) {
                    of.set(k, f.get(k));
                }
            }
        }
        List<Box> writing = new ArrayList<>();
        for (JsonNode f : fields.get("fields")) {
            writingArea(f.get("box")).ifPresent(writing::add);
        }
        Anchors.Printing printing = PrintingFeatures.detect(page, PrintingFeatures.WORK_WIDTH, writing);
        ObjectNode p = JSON.createObjectNode();
        p.put("workWidth", printing.workWidth());
        ArrayNode pts = p.putArray("points");
        for (float v : printing.points()) {
            pts.add(Math.round(v * 10) / 10.0);
        }
        p.put("descriptors", Base64.getEncoder().encodeToString(printing.descriptors()));
        out.set("printing", p);
        String json = out.toPrettyString();
        FormTemplate template = reader.parse(json, fieldsFile.toString());
        try {
            new FormRegistrar(List.of(template), RegistrationConfig.defaults()).register(page);
        } catch (RegistrationException e) {
            throw new TemplateException(sample.toString(), "the template made from it does not find the sample again"
                    + " (" + e.getMessage() + ")", e);
        }
        return new Made(json, template);
    }

    /**
     * A field's box with the margin a writer's strokes reach beyond it; empty when the box is not four whole numbers
     * (the template reader then says so).
     */
    private static java.util.Optional<Box> writingArea(JsonNode box) {
        if (box == null || !box.isArray() || box.size() != 4 || !box.get(2).isInt() || !box.get(3).isInt()
                || box.get(2).asInt() <= 0 || box.get(3).asInt() <= 0) {
            return java.util.Optional.empty();
        }
        int h = box.get(3).asInt();
        int m = Math.max(8, h / 2);
        return java.util.Optional.of(new Box(box.get(0).asInt() - m, box.get(1).asInt() - m, box.get(2).asInt() + 2 * m,
                h + 2 * m));
    }

    private static java.awt.image.BufferedImage firstPage(Path sample) {
        List<DecodedPage> pages = new ArrayList<>();
        try {
            new PageDecoder(DecodeLimits.DEFAULTS).decode(sample.toString(), sample, p -> {
                if (pages.isEmpty()) {
                    pages.add(p);
                }
            });
        } catch (DecodeException e) {
            throw new TemplateException(sample.toString(), "not a readable image (" + e.getMessage() + ")", e);
        }
        if (pages.isEmpty() || pages.get(0) instanceof DecodedPage.Failed) {
            throw new TemplateException(sample.toString(), "not a readable image" + (pages.isEmpty() ? ""
                    : " (" + ((DecodedPage.Failed) pages.get(0)).reason() + ")"));
        }
        return ((DecodedPage.Image) pages.get(0)).image();
    }
}

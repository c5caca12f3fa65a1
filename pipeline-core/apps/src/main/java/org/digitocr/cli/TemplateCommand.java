package org.digitocr.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.digitocr.form.Anchors;
import org.digitocr.register.TemplateFromSample;
import org.digitocr.validate.CheckDigits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digit-ocr template}: makes a layout's template from one sample scan and its fields file. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = {"Make the template of a form layout without registration marks (a bank's cheque leaf) from one"
                + " scan of it, blank or filled in, and a fields file marking its fields on that scan.",
                "The fields file: {\"name\": \"mybank\", \"sampleSize\": [W, H], \"fields\": [{\"name\": \"date\", \"box\":"
                        + " [x, y, w, h], \"cells\": 8, \"type\": \"date\"}, {\"name\": \"amount\", \"box\": [...],"
                        + " \"cells\": 0, \"type\": \"amount\"}]} in the sample's pixels (docs/forms.md)."})
final class TemplateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--sample", required = true, paramLabel = "IMAGE", description = "A scan of the layout (PNG, JPEG, TIFF).")
    Path sample;
    @Option(names = "--fields", required = true, paramLabel = "FILE", description = "The fields file (JSON).")
    Path fields;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write NAME.json into.")
    Path output;

    @Override
    public Integer call() throws Exception {
        TemplateFromSample.Made made = new TemplateFromSample(CheckDigits.standard().names()).make(sample, fields);
        Files.createDirectories(output);
        Path file = output.resolve(made.template().name() + ".json");
        Path tmp = output.resolve("." + made.template().name() + ".json.tmp");
        Files.writeString(tmp, made.json() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Wrote %s: layout %s, %dx%d px, %d printed features, fields %s%n", file, made.template().name(),
                made.template().width(), made.template().height(),
                ((Anchors.Printing) made.template().anchors()).count(),
                made.template().fields().stream().map(f -> f.name() + " (" + f.type().code() + ")").toList());
        return 0;
    }
}

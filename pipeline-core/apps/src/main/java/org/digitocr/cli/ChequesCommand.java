package org.digitocr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.digitocr.eval.OtherWriters;
import org.digitocr.image.LabelledDigits;
import org.digitocr.register.TemplateFromSample;
import org.digitocr.sample.ChequeGenerator;
import org.digitocr.sample.ScanDistortion;
import org.digitocr.validate.CheckDigits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code digit-ocr cheques}: generates cheques of real layouts, written with other people's digits, for measuring. */
@Command(name = "cheques", mixinStandardHelpOptions = true,
        description = "Generate cheques of real layouts for measuring: each layout's sample (LAYOUT.fields.json and the"
                + " scan its 'sample' key names, in --layouts) with its date and amount erased and new ones written in"
                + " blue or black ink with the digits of --digits, then scanned. Writes LAYOUT-NNNN.jpg and truth.csv.")
final class ChequesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--layouts", required = true, paramLabel = "DIR", description = "Folder of LAYOUT.fields.json and samples.")
    Path layouts;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the cheques.")
    Path out;
    @Option(names = "--count", defaultValue = "100", description = "Cheques per layout (default: ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--digits", defaultValue = "other-writers",
            description = "Whose digits: other-writers (OTHER_WRITERS_DIR, the development writers) or mnist-test"
                    + " (default: ${DEFAULT-VALUE}).")
    String digits;

    @Override
    public Integer call() throws IOException {
        LabelledDigits source = switch (digits) {
            case "mnist-test" -> Defaults.mnist().test();
            case "other-writers" -> {
                OtherWriters w = OtherWriters.fromEnvironment();
                if (!w.present()) {
                    throw new ParameterException(spec.commandLine(), w.absence());
                }
                yield w.load();
            }
            default -> throw new ParameterException(spec.commandLine(), "--digits must be other-writers or mnist-test");
        };
        TemplateFromSample maker = new TemplateFromSample(CheckDigits.standard().names());
        List<ChequeGenerator.Layout> list = new ArrayList<>();
        try (Stream<Path> files = Files.list(layouts)) {
            for (Path fields : files.filter(f -> f.getFileName().toString().endsWith(".fields.json")).sorted().toList()) {
                JsonNode sample = new ObjectMapper().readTree(fields.toFile()).get("sample");
                if (sample == null) {
                    throw new ParameterException(spec.commandLine(), fields + ": needs a 'sample' key naming its scan");
                }
                Path image = layouts.resolve(sample.asText());
                list.add(ChequeGenerator.layout(maker.make(image, fields).template(), ImageIO.read(image.toFile())));
            }
        }
        if (list.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no *.fields.json in " + layouts);
        }
        int n = new ChequeGenerator(source, ScanDistortion.typical()).writeBatch(list, count, out, new SplittableRandom(seed));
        spec.commandLine().getOut().printf("Wrote %d cheques of %d layouts and truth.csv to %s%n", n, list.size(), out);
        return 0;
    }
}

package org.digitocr.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.digitocr.eval.Evaluation;
import org.digitocr.image.DigitImages;
import org.digitocr.image.LabelledDigits;
import org.digitocr.model.DigitPrediction;
import org.digitocr.model.ModelBundle;
import org.digitocr.train.EpochStats;
import org.digitocr.train.ModelExporter;

/**
 * The evaluation report people look at: one self-contained HTML page (images embedded, no JavaScript) plus
 * its PNGs: training curves, confusion heat map, reliability diagram, coverage/accuracy curve with the
 * product's threshold, per-class table, top-2 figures and galleries of right and wrong predictions.
 */
public final class EvaluationReport {
    public static final String HTML = "report.html";
    static final int CORRECT_SHOWN = 40;
    static final int WRONG_SHOWN = 100;

    /**
     * What a report is made from.
     *
     * @param logits    raw network outputs per image (the report shows calibrated and raw confidence)
     * @param history   training history of the model, empty when unknown
     * @param threshold the confidence the product needs to accept a value without review
     */
    public record Input(String title, LabelledDigits data, double[][] logits, Evaluation evaluation,
                        List<EpochStats> history, double threshold) {
    }

    private EvaluationReport() {
    }

    /** The report of an exported model, written into its directory's {@code report/}; returns the HTML file. */
    public static Path write(ModelExporter.Exported model, ModelBundle bundle) throws IOException {
        return write(new Input("Model " + model.card().name() + " (" + model.card().createdAt() + ") on MNIST test",
                model.testDigits(), model.testLogits(), model.test(), model.history(), model.reviewThreshold()),
                bundle.dir().resolve(ModelExporter.REPORT));
    }

    /** Writes the PNGs and {@code report.html} into {@code dir}; returns the HTML file. */
    public static Path write(Input in, Path dir) throws IOException {
        Files.createDirectories(dir);
        Evaluation ev = in.evaluation();
        int n = in.data().size();
        List<DigitPrediction> preds = new ArrayList<>(n);
        double[] conf = new double[n];
        double[] raw = new double[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            DigitPrediction p = DigitPrediction.ofLogits(in.logits()[i], ev.temperature());
            preds.add(p);
            conf[i] = p.probability();
            raw[i] = DigitPrediction.ofLogits(in.logits()[i], 1.0).probability();
            correct[i] = p.digit() == in.data().labels()[i];
        }
        Map<String, byte[]> images = new LinkedHashMap<>();
        if (!in.history().isEmpty()) {
            images.put("accuracy.png", Charts.png(Charts.history(in.history(), true)));
            images.put("loss.png", Charts.png(Charts.history(in.history(), false)));
        }
        images.put("confusion.png", Charts.png(Charts.confusion(ev.confusion())));
        images.put("reliability.png", Charts.png(Charts.reliability(conf, raw, correct, ev.ece(), ev.eceUncalibrated())));
        double[] at = CoverageCurve.at(conf, correct, in.threshold());
        images.put("coverage.png", Charts.png(Charts.coverage(CoverageCurve.of(conf, correct, 500), in.threshold(), at)));
        List<Integer> right = IntStream.range(0, n).filter(i -> correct[i]).limit(CORRECT_SHOWN).boxed().toList();
        List<Integer> wrong = IntStream.range(0, n).filter(i -> !correct[i]).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -conf[i])).limit(WRONG_SHOWN).toList();
        images.put("correct.png", DigitGallery.png(tiles(in, preds, right)));
        images.put("wrong.png", DigitGallery.png(tiles(in, preds, wrong)));
        for (Map.Entry<String, byte[]> e : images.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        long wrongTotal = IntStream.range(0, n).filter(i -> !correct[i]).count();
        Path html = dir.resolve(HTML);
        Files.writeString(html, html(in, images, at, wrongTotal, wrong.size()), StandardCharsets.UTF_8);
        return html;
    }

    private static List<DigitGallery.Tile> tiles(Input in, List<DigitPrediction> preds, List<Integer> which) {
        List<DigitGallery.Tile> out = new ArrayList<>();
        for (int i : which) {
            DigitPrediction p = preds.get(i);
            out.add(new DigitGallery.Tile(in.data().images().pixels(), i * DigitImages.PIXELS,
                    String.format(Locale.ROOT, "true %d: %d %.2f", in.data().labels()[i], p.digit(), p.probability()),
                    String.format(Locale.ROOT, "2nd %d %.2f", p.alternative(), p.alternativeProbability())));
        }
        return out;
    }

    private static String html(Input in, Map<String, byte[]> images, double[] at, long wrongTotal, int wrongShown) {
        Evaluation ev = in.evaluation();
        StringBuilder b = Html.start(in.title());
        b.append(String.format(Locale.ROOT, "<section id=\"summary\"><h2>Summary</h2><p>Dataset: %s, %d images."
                        + " Accuracy <b id=\"accuracy\">%.4f</b>, top-2 accuracy <b id=\"top2\">%.4f</b>,"
                        + " ECE <b id=\"ece\">%.4f</b> calibrated (temperature %.3f), %.4f raw.</p></section>\n",
                Html.esc(ev.dataset()), ev.examples(), ev.accuracy(), ev.top2Accuracy(), ev.ece(), ev.temperature(),
                ev.eceUncalibrated()));
        if (images.containsKey("accuracy.png")) {
            b.append("<section id=\"curves\"><h2>Training curves</h2>").append(img(images, "accuracy.png"))
                    .append(img(images, "loss.png")).append("</section>\n");
        } else {
            b.append("<section id=\"curves\"><h2>Training curves</h2><p>No training history with this model.</p></section>\n");
        }
        b.append("<section id=\"confusion\"><h2>Confusion matrix</h2>").append(img(images, "confusion.png")).append("</section>\n");
        b.append("<section id=\"reliability\"><h2>Reliability</h2>").append(img(images, "reliability.png")).append("</section>\n");
        b.append(String.format(Locale.ROOT, "<section id=\"coverage\"><h2>Coverage and accuracy</h2>%s<p>At the"
                        + " product's threshold %.4f: %.1f%% of digits accepted, %.4f of them right.</p></section>\n",
                img(images, "coverage.png"), in.threshold(), 100 * at[0], at[1]));
        b.append("<section id=\"classes\"><h2>Per class</h2><table><tr><th>digit</th><th>precision</th><th>recall</th>"
                + "<th>F1</th><th>support</th></tr>\n");
        for (Evaluation.ClassMetrics c : ev.classes()) {
            b.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td></tr>\n",
                    c.digit(), c.precision(), c.recall(), c.f1(), c.support()));
        }
        b.append("</table></section>\n");
        b.append(String.format(Locale.ROOT, "<section id=\"top2\"><h2>Second choice</h2><p>The label is among the"
                        + " two highest-ranked digits for %.2f%% of images; when the first choice is wrong, the second"
                        + " is right in %.1f%% of cases.</p></section>\n", 100 * ev.top2Accuracy(),
                100 * ev.secondChoiceRightWhenWrong()));
        b.append("<section id=\"correct\"><h2>Correct predictions (first ").append(CORRECT_SHOWN).append(")</h2>")
                .append(img(images, "correct.png")).append("</section>\n");
        b.append("<section id=\"wrong\"><h2>Incorrect predictions (").append(wrongShown).append(" of ").append(wrongTotal)
                .append(", most confident first)</h2>").append(img(images, "wrong.png")).append("</section>\n");
        return b.append(Html.end()).toString();
    }

    private static String img(Map<String, byte[]> images, String name) {
        return Html.img(name, images.get(name));
    }
}

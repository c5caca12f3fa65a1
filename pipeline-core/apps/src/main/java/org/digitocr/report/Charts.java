package org.digitocr.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.digitocr.calibrate.CalibrationError;
import org.digitocr.train.EpochStats;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots, drawn with XChart and encoded as PNG. */
final class Charts {
    static final int WIDTH = 640;
    static final int HEIGHT = 420;

    private Charts() {
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart " + chart.getTitle(), e);
        }
    }

    /** Train and validation accuracy (or loss) per epoch. */
    static XYChart history(List<EpochStats> h, boolean accuracy) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(accuracy ? "Accuracy per epoch" : "Loss per epoch").xAxisTitle("epoch")
                .yAxisTitle(accuracy ? "accuracy" : "loss").build();
        double[] x = h.stream().mapToDouble(EpochStats::epoch).toArray();
        c.addSeries("train", x, h.stream().mapToDouble(s -> accuracy ? s.trainAccuracy() : s.trainLoss()).toArray());
        c.addSeries("validation", x, h.stream().mapToDouble(s -> accuracy ? s.validationAccuracy() : s.validationLoss()).toArray());
        return c;
    }

    /** Confusion matrix as a heat map with the counts written in the cells. */
    static HeatMapChart confusion(int[][] m) {
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(WIDTH).title("Confusion matrix")
                .xAxisTitle("predicted digit").yAxisTitle("true digit").build();
        c.getStyler().setShowValue(true);
        c.getStyler().setMin(0);
        c.getStyler().setRangeColors(new Color[] {new Color(255, 255, 255), new Color(255, 210, 120),
                new Color(220, 80, 40), new Color(120, 0, 0)});
        int[] axis = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[][] cells = new int[10][10];
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                cells[p][t] = m[t][p];
            }
        }
        c.addSeries("count", axis, axis, cells);
        return c;
    }

    /** Reliability diagram: accuracy against mean confidence per bin, calibrated and raw, with the diagonal. */
    static XYChart reliability(double[] calibrated, double[] raw, boolean[] correct, double ece, double eceRaw) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format("Reliability (ECE %.4f calibrated, %.4f raw)", ece, eceRaw))
                .xAxisTitle("confidence").yAxisTitle("accuracy").build();
        c.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
        addBins(c, "calibrated", CalibrationError.bin(calibrated, correct, CalibrationError.DEFAULT_BINS));
        addBins(c, "raw", CalibrationError.bin(raw, correct, CalibrationError.DEFAULT_BINS));
        return c;
    }

    private static void addBins(XYChart c, String name, CalibrationError.Bins b) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < b.count().length; i++) {
            if (b.count()[i] > 0) {
                x.add(b.meanConfidence(i));
                y.add(b.accuracy(i));
            }
        }
        c.addSeries(name, x, y);
    }

    /** Accuracy of the accepted digits against the share accepted as the confidence threshold rises. */
    static XYChart coverage(double[][] curve, double threshold, double[] atThreshold) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Coverage and accuracy")
                .xAxisTitle("share of digits accepted (coverage)").yAxisTitle("accuracy of accepted digits").build();
        XYSeries s = c.addSeries("confidence threshold sweep", curve[0], curve[1]);
        s.setMarker(SeriesMarkers.NONE);
        c.addSeries(String.format("product threshold %.3f", threshold), new double[] {atThreshold[0]},
                new double[] {atThreshold[1]}).setMarker(SeriesMarkers.DIAMOND);
        return c;
    }

    /** Field confidence of a run: accepted and review fields stacked per {@link ConfidenceBins} bin. */
    static CategoryChart confidence(long[] accepted, long[] review, double threshold) {
        CategoryChart c = stackedBars(String.format("Field confidence (review below %.4f)", threshold),
                "field confidence", "fields");
        List<String> bins = new ArrayList<>();
        for (int i = 0; i < ConfidenceBins.count(); i++) {
            bins.add(ConfidenceBins.label(i));
        }
        c.addSeries("accepted", bins, longs(accepted));
        c.addSeries("review", bins, longs(review));
        return c;
    }

    /** Accepted and review fields per template and field of a run. */
    static CategoryChart outcomes(List<FieldCounts> counts) {
        CategoryChart c = stackedBars("Fields by template and field", "template / field", "fields");
        List<String> names = counts.stream().map(f -> f.template() + " / " + f.field()).toList();
        c.addSeries("accepted", names, counts.stream().map(f -> (Number) f.accepted()).toList());
        c.addSeries("review", names, counts.stream().map(f -> (Number) f.review()).toList());
        return c;
    }

    private static CategoryChart stackedBars(String title, String x, String y) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        c.getStyler().setStacked(true);
        c.getStyler().setXAxisLabelRotation(45);
        c.getStyler().setSeriesColors(new Color[] {new Color(60, 150, 80), new Color(230, 140, 30)});
        return c;
    }

    private static List<Number> longs(long[] v) {
        List<Number> out = new ArrayList<>(v.length);
        for (long x : v) {
            out.add(x);
        }
        return out;
    }
}

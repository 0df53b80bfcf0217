package io.jgrad.examples.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts of training curves, written as PNG files with XChart. */
public final class Charts {
    private static final int WIDTH = 800, HEIGHT = 500;

    private Charts() {}

    /**
     * One line of a chart. A series with {@code markers} draws a marker per point (for per-epoch
     * values); without, a plain line (for dense curves).
     */
    public record Series(String name, double[] x, double[] y, boolean markers) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException("Charts.Series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }

        /** A series from {@code {x, y}} points. */
        public static Series of(String name, List<double[]> points, boolean markers) {
            double[] x = new double[points.size()], y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            return new Series(name, x, y, markers);
        }
    }

    /** Writes a line chart to {@code file} (PNG, replaced atomically); empty series are left out. */
    public static void line(Path file, String title, String xTitle, String yTitle, List<Series> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setDecimalPattern("#0.###");
        List<Series> drawn = new ArrayList<>();
        for (Series s : series) {
            if (s.x().length == 0) continue;
            XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
            line.setMarker(s.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            drawn.add(s);
        }
        if (drawn.isEmpty()) throw new IllegalArgumentException("Charts.line: nothing to draw in " + file);
        OutputFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}

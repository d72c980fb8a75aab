package dev.hindsight.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results table: each figure beside its same-run baseline, the ratio, and the target it is held to. */
final class Results {

    record Row(String benchmark, String figure, String baseline, String ratio, String target, String met,
            String heap) {}

    private final List<Row> rows = new ArrayList<>();

    void add(String benchmark, String figure, String baseline, String ratio, String target, boolean met) {
        rows.add(new Row(benchmark, figure, baseline, ratio, target, met ? "yes" : "**no**", heapMb() + " MB"));
        System.err.println("  " + benchmark + ": " + figure + " (baseline " + baseline + ", " + ratio + ")");
    }

    static String ratio(double figure, double baseline) {
        return baseline == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", figure / baseline);
    }

    static String num(double v, String unit) {
        return (v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v)) + " " + unit;
    }

    /** Heap in use after a full collection: what the step left behind. */
    static long heapMb() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }

    String markdown(String header) {
        StringBuilder sb = new StringBuilder(header).append("\n\n");
        sb.append(
                "| benchmark | Hindsight | baseline (same run) | ratio | target | met | heap after |\n|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> sb.append("| ")
                .append(String.join(" | ", r.benchmark(), r.figure(), r.baseline(), r.ratio(), r.target(), r.met(),
                        r.heap()))
                .append(" |\n"));
        return sb.toString();
    }
}

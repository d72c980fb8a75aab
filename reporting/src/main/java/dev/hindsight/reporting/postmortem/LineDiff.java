package dev.hindsight.reporting.postmortem;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) between two versions of a post-mortem, as reviewers read it. */
public final class LineDiff {

    public enum Change {
        SAME,
        ADDED,
        REMOVED
    }

    public record Line(Change change, String text) {}

    /** Texts longer than this many lines are compared as wholes: the table would be too big to be worth it. */
    static final int MAX_LINES = 5_000;

    private LineDiff() {}

    public static List<Line> between(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            return List.of(new Line(Change.REMOVED, "(" + a.size() + " lines)"),
                    new Line(Change.ADDED, "(" + b.size() + " lines)"));
        }
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                lines.add(new Line(Change.SAME, a.get(i++)));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                lines.add(new Line(Change.REMOVED, a.get(i++)));
            } else {
                lines.add(new Line(Change.ADDED, b.get(j++)));
            }
        }
        while (i < a.size())
            lines.add(new Line(Change.REMOVED, a.get(i++)));
        while (j < b.size())
            lines.add(new Line(Change.ADDED, b.get(j++)));
        return lines;
    }
}

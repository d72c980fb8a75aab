package dev.hindsight.reporting.export;

import dev.hindsight.core.text.Texts;
import dev.hindsight.core.timeline.Timeline;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The timeline as a picture for documents: one lane per storyline, a dot per entry, a line per key moment. One PNG
 * serves the DOCX, the HTML and the PDF, so all three show the same chart.
 */
final class TimelineChart {

    public static final int WIDTH = 1000;
    static final int LANE = 26;
    static final int MAX_LANES = 10;
    static final int LEFT = 220;
    static final int TOP = 30;
    static final int BOTTOM = 40;
    private static final Color[] PALETTE = {new Color(0x2563eb), new Color(0xdc2626), new Color(0x059669),
            new Color(0xd97706),
            new Color(0x7c3aed), new Color(0x0891b2), new Color(0xdb2777), new Color(0x4b5563)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private TimelineChart() {}

    /** The chart as PNG bytes, or empty when there is nothing to draw or this machine cannot draw text (no fonts). */
    public static Optional<byte[]> png(Report r) {
        List<Timeline.Entry> entries = r.timeline().entries();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(draw(r, entries));
        } catch (IOException | RuntimeException | Error e) {
            // a headless box without fontconfig fails inside AWT; the documents then go without the picture
            return Optional.empty();
        }
    }

    public static int height(int lanes) {
        return TOP + Math.max(1, lanes) * LANE + BOTTOM;
    }

    static Map<String, String> lanes(Report r) {
        Map<String, String> lanes = new LinkedHashMap<>();
        r.timeline().storylines().stream().sorted((a, b) -> Integer.compare(b.size(), a.size())).limit(MAX_LANES - 1)
                .forEach(s -> lanes.put(s.id(), s.title()));
        return lanes;
    }

    private static byte[] draw(Report r, List<Timeline.Entry> entries) throws IOException {
        Map<String, String> lanes = lanes(r);
        List<String> laneIds = new ArrayList<>(lanes.keySet());
        boolean other = entries.stream().anyMatch(e -> !lanes.containsKey(e.storyline()));
        int laneCount = laneIds.size() + (other ? 1 : 0);
        int height = height(laneCount);
        Instant from = entries.stream().map(Timeline.Entry::at).min(Instant::compareTo).orElseThrow();
        Instant to = entries.stream().map(Timeline.Entry::at).max(Instant::compareTo).orElseThrow();
        for (Timeline.Moment m : r.timeline().moments()) {
            from = m.at().isBefore(from) ? m.at() : from;
            to = m.at().isAfter(to) ? m.at() : to;
        }
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        int plot = WIDTH - LEFT - 20;

        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < laneCount; i++) {
            int y = TOP + i * LANE;
            g.setColor(i % 2 == 0 ? new Color(0xf3f4f6) : Color.WHITE);
            g.fillRect(LEFT, y, plot, LANE);
            g.setColor(new Color(0x374151));
            String label = i < laneIds.size() ? lanes.get(laneIds.get(i)) : "other";
            g.drawString(Texts.clip(label, 34), 8, y + LANE / 2 + 4);
        }
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 3f}, 0f));
        for (Timeline.Moment m : r.timeline().moments()) {
            int x = LEFT + (int) ((m.at().toEpochMilli() - from.toEpochMilli()) * plot / span);
            g.setColor(new Color(0x9ca3af));
            g.drawLine(x, TOP - 4, x, TOP + laneCount * LANE);
        }
        g.setStroke(new BasicStroke(1f));
        for (Timeline.Entry e : entries) {
            int lane = laneIds.indexOf(e.storyline());
            lane = lane < 0 ? laneIds.size() : lane;
            int x = LEFT + (int) ((e.at().toEpochMilli() - from.toEpochMilli()) * plot / span);
            int y = TOP + lane * LANE + LANE / 2;
            g.setColor(PALETTE[lane % PALETTE.length]);
            int size = e.pinned() ? 10 : 6;
            g.fillOval(x - size / 2, y - size / 2, size, size);
        }
        g.setColor(new Color(0x374151));
        int axis = TOP + laneCount * LANE + 16;
        g.drawString(r.time(from), LEFT, axis);
        String end = r.time(to);
        g.drawString(end, WIDTH - 20 - g.getFontMetrics().stringWidth(end), axis);
        g.drawString("dashed lines: key moments; large dots: pinned entries", LEFT, axis + 16);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}

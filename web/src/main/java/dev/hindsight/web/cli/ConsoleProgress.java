package dev.hindsight.web.cli;

import dev.hindsight.ingest.files.ImportProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Import progress on stderr: a redrawn bar on a terminal, a line every few seconds otherwise (CI logs, pipes). Each
 * line states how many records are committed, i.e. durable.
 */
public final class ConsoleProgress implements ImportProgress.Listener {

    private static final long LINE_INTERVAL_NANOS = 2_000_000_000L;
    private static final long BAR_INTERVAL_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 28;

    private final PrintStream err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    /** Starts at the start: a short import prints only its final line. */
    private long lastPrinted = started;
    private boolean drawn;

    public ConsoleProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void progress(ImportProgress p) {
        long now = System.nanoTime();
        if (now - lastPrinted < (terminal ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS)) {
            return;
        }
        lastPrinted = now;
        print(p, now);
    }

    /** The final state, always printed. */
    public void finish(ImportProgress p) {
        print(p, System.nanoTime());
        if (terminal && drawn) {
            err.println();
        }
    }

    private void print(ImportProgress p, long now) {
        double seconds = Math.max(0.001, (now - started) / 1e9);
        double fraction = p.bytesTotal() > 0 ? Math.min(1, (double) p.bytesDone() / p.bytesTotal()) : 0;
        String counts = String.format(Locale.ROOT,
                "%,d committed (%,d accepted, %,d duplicates, %,d skipped, %,d rejected) %,.0f/s, file %d/%d",
                p.committed(), p.accepted(), p.duplicates(), p.skipped(), p.rejected(), p.committed() / seconds,
                Math.min(p.filesDone() + 1, p.filesTotal()), p.filesTotal());
        if (terminal) {
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] "
                    + String.format(Locale.ROOT, "%3.0f%% ", fraction * 100) + counts + "   ");
            err.flush();
            drawn = true;
        } else {
            err.println("import: " + counts);
        }
    }
}

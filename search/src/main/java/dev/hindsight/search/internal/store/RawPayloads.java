package dev.hindsight.search.internal.store;

import dev.hindsight.core.store.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Bounded, compressed copies of raw records: enough for provenance and replay without letting one record bloat the database. */
public final class RawPayloads {

    /** Raw bytes kept per record; the rest is dropped and the row says it was truncated. */
    public static final int MAX_KEPT = DeadLetter.MAX_KEPT;

    /**
     * Below this many bytes a record is stored in zlib's uncompressed blocks: deflating a short record saved a tenth of
     * its size and took 12% of a jsonl import's time (its profile); storing it takes a third of that. Still one
     * format, so {@link #decompress} reads every row alike, old or new.
     */
    static final int STORED_BELOW = 256;

    /** Idle deflaters, reused rather than allocating zlib's state for every record. */
    private static final ArrayBlockingQueue<Deflater> IDLE = new ArrayBlockingQueue<>(16);

    private RawPayloads() {}

    /** The first {@link #MAX_KEPT} bytes, deflated (short records in stored blocks). */
    public static byte[] compress(byte[] raw) {
        byte[] kept = raw.length > MAX_KEPT ? Arrays.copyOf(raw, MAX_KEPT) : raw;
        Deflater idle = IDLE.poll();
        Deflater deflater = idle == null ? new Deflater(Deflater.BEST_SPEED) : idle;
        deflater.setLevel(kept.length < STORED_BELOW ? Deflater.NO_COMPRESSION : Deflater.BEST_SPEED);
        try {
            deflater.setInput(kept);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, kept.length / 3));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.reset();
            if (!IDLE.offer(deflater)) {
                deflater.end();
            }
        }
    }

    public static byte[] decompress(byte[] stored) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 3);
            byte[] buffer = new byte[8192];
            // bounded by construction: we never stored more than MAX_KEPT bytes
            while (!inflater.finished() && out.size() <= MAX_KEPT) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored raw payload is corrupt", e);
        } finally {
            inflater.end();
        }
    }
}

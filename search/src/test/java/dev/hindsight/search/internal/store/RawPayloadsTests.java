package dev.hindsight.search.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The raw copy a record keeps is what provenance and replay show: it must come back byte for byte. */
class RawPayloadsTests {

    @Test
    void shortAndLongRecordsComeBackAsTheyWere() {
        byte[] shortLine = "{\"title\":\"disk usage high\",\"at\":\"2014-08-12T10:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] longLine = ("{\"title\":\"" + "packet loss on the edge ".repeat(40) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(shortLine.length).isLessThan(RawPayloads.STORED_BELOW);
        assertThat(longLine.length).isGreaterThan(RawPayloads.STORED_BELOW);

        assertThat(RawPayloads.decompress(RawPayloads.compress(shortLine))).isEqualTo(shortLine);
        assertThat(RawPayloads.decompress(RawPayloads.compress(longLine))).isEqualTo(longLine);
        // a long record is still deflated: a repetitive alert body takes a fraction of its size
        assertThat(RawPayloads.compress(longLine).length).isLessThan(longLine.length / 4);
    }

    @Test
    void rowsWrittenBeforeShortRecordsWereStoredUncompressedStillRead() {
        byte[] line = "{\"title\":\"an event stored by an older version\"}".getBytes(StandardCharsets.UTF_8);
        Deflater old = new Deflater(Deflater.BEST_SPEED); // how every row was written before
        old.setInput(line);
        old.finish();
        byte[] buffer = new byte[1024];
        int n = old.deflate(buffer);
        old.end();
        assertThat(RawPayloads.decompress(java.util.Arrays.copyOf(buffer, n))).isEqualTo(line);
    }

    @Test
    void aRecordOverTheBoundIsCutAtTheBound() {
        byte[] huge = new byte[RawPayloads.MAX_KEPT + 1000];
        new Random(7).nextBytes(huge);
        assertThat(RawPayloads.decompress(RawPayloads.compress(huge)))
                .isEqualTo(java.util.Arrays.copyOf(huge, RawPayloads.MAX_KEPT));
    }

    @Test
    void writersOnManyThreadsNeverSeeEachOthersBytes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 2000; i++) {
                        byte[] record = new byte[random.nextInt(2 * RawPayloads.STORED_BELOW)];
                        random.nextBytes(record);
                        if (!java.util.Arrays.equals(RawPayloads.decompress(RawPayloads.compress(record)), record)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }
}

package dev.hindsight.search.internal.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.packed.PackedInts;

/**
 * Counts the facet fields of every hit while the query runs, instead of collecting the hits first and walking each
 * field's doc values afterwards. Each segment's values are read once into a packed column of value numbers (a few
 * bits per document: a field has few distinct values) and kept until the segment closes, so a count is an array read
 * per hit and field. The fields hold one value per event.
 */
final class FacetCounts {

    private final List<String> fields;
    private final int top;
    /** Columns by segment core: a refresh reuses every segment it did not change. */
    private final Map<IndexReader.CacheKey, Segment> segments = new ConcurrentHashMap<>();
    /** Per field, every value any segment held, numbered once: counts from many segments add up by number. */
    private final List<Dictionary> dictionaries = new ArrayList<>();

    FacetCounts(List<String> fields, int top) {
        this.fields = List.copyOf(fields);
        this.top = top;
        fields.forEach(f -> dictionaries.add(new Dictionary()));
    }

    /**
     * A field's values by number. It only grows (by the distinct values the index ever held, as a segment's labels
     * did before), so a number, once given, names the same value for good.
     */
    private static final class Dictionary {
        private final Map<String, Integer> ids = new HashMap<>();
        private volatile String[] labels = new String[0];

        synchronized int id(String label) {
            Integer id = ids.get(label);
            if (id == null) {
                id = ids.size();
                ids.put(label, id);
                String[] current = labels;
                if (id == current.length) {
                    current = java.util.Arrays.copyOf(current, Math.max(16, 2 * id));
                }
                current[id] = label;
                labels = current; // a search reads a number only from a segment published after this
            }
            return id;
        }

        String label(int id) {
            return labels[id];
        }
    }

    /** The hits' total and, per field, its most frequent values (most first, then by value) with their counts. */
    record Result(long total, Map<String, Map<String, Long>> facets) {}

    CollectorManager<Counter, Result> manager() {
        return new CollectorManager<>() {
            @Override
            public Counter newCollector() {
                return new Counter();
            }

            @Override
            public Result reduce(Collection<Counter> counters) {
                long total = 0;
                long[][] merged = new long[fields.size()][0];
                for (Counter c : counters) {
                    total += c.total;
                    for (int f = 0; f < fields.size(); f++) {
                        long[] counts = c.counts[f];
                        if (merged[f].length < counts.length) {
                            merged[f] = java.util.Arrays.copyOf(merged[f], counts.length);
                        }
                        for (int id = 0; id < counts.length; id++) {
                            merged[f][id] += counts[id];
                        }
                    }
                }
                Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
                for (int f = 0; f < fields.size(); f++) {
                    facets.put(fields.get(f), topValues(merged[f], dictionaries.get(f)));
                }
                return new Result(total, facets);
            }
        };
    }

    /**
     * The {@code top} most frequent values, most first, then by value: a bounded heap over the counts rather than a
     * sort of them all (a field such as host may hold thousands of values, and sorting them was a sixth of a search).
     */
    private Map<String, Long> topValues(long[] counts, Dictionary dictionary) {
        Comparator<Map.Entry<String, Long>> better = Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()));
        PriorityQueue<Map.Entry<String, Long>> kept = new PriorityQueue<>(this.top + 1, better);
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] == 0) {
                continue;
            }
            Map.Entry<String, Long> e = Map.entry(dictionary.label(id), counts[id]);
            if (kept.size() < this.top) {
                kept.add(e);
            } else if (better.compare(e, kept.peek()) > 0) {
                kept.poll();
                kept.add(e);
            }
        }
        List<Map.Entry<String, Long>> best = new ArrayList<>(kept);
        best.sort(better.reversed());
        Map<String, Long> top = new LinkedHashMap<>();
        best.forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /**
     * One segment's value numbers (0: no value, n: the n-th value in the field's sorted terms) and, for the n-th
     * value, its number in the field's dictionary.
     */
    private record Segment(PackedInts.Reader[] columns, int[][] ids) {}

    private Segment segment(LeafReader leaf) throws IOException {
        IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
        if (helper == null) {
            return read(leaf);
        }
        Segment cached = segments.get(helper.getKey());
        if (cached == null) {
            cached = read(leaf); // two searches may both read a new segment; the columns are the same
            if (segments.putIfAbsent(helper.getKey(), cached) == null) {
                helper.addClosedListener(segments::remove);
            }
        }
        return cached;
    }

    private Segment read(LeafReader leaf) throws IOException {
        PackedInts.Reader[] columns = new PackedInts.Reader[fields.size()];
        int[][] ids = new int[fields.size()][];
        for (int f = 0; f < fields.size(); f++) {
            SortedSetDocValues values = DocValues.getSortedSet(leaf, fields.get(f));
            int valueCount = (int) values.getValueCount();
            PackedInts.Mutable column = PackedInts.getMutable(leaf.maxDoc(), PackedInts.bitsRequired(valueCount),
                    PackedInts.COMPACT);
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                column.set(doc, values.nextOrd() + 1);
            }
            ids[f] = new int[valueCount];
            for (int ord = 0; ord < valueCount; ord++) {
                ids[f][ord] = dictionaries.get(f).id(values.lookupOrd(ord).utf8ToString());
            }
            columns[f] = column;
        }
        return new Segment(columns, ids);
    }

    /** Counts on one thread, per field by dictionary number; the manager adds up the threads' counts. */
    final class Counter implements Collector {
        long total;
        final long[][] counts = new long[fields.size()][0];

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            Segment segment = segment(context.reader());
            PackedInts.Reader[] columns = segment.columns();
            int[][] perValue = new int[columns.length][];
            for (int f = 0; f < columns.length; f++) {
                perValue[f] = new int[segment.ids()[f].length + 1];
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) {
                    total++;
                    for (int f = 0; f < columns.length; f++) {
                        perValue[f][(int) columns[f].get(doc)]++;
                    }
                }

                @Override
                public void finish() {
                    for (int f = 0; f < columns.length; f++) {
                        int[] ids = segment.ids()[f];
                        for (int value = 1; value < perValue[f].length; value++) {
                            if (perValue[f][value] > 0) {
                                int id = ids[value - 1];
                                if (id >= counts[f].length) {
                                    counts[f] = java.util.Arrays.copyOf(counts[f],
                                            Math.max(id + 1, counts[f].length * 2));
                                }
                                counts[f][id] += perValue[f][value];
                            }
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}

package dev.hindsight.search.timeline;

import dev.hindsight.core.event.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Estimates clock skew between sources from records that mirror each other: the same happening told by two sources
 * in (nearly) the same words, such as a chat bot echoing alerts. For each pair of sources the median offset of its
 * mirrored records is taken; a consistent offset beyond the threshold means one clock is off. With more than two
 * sources, the skewed one is the source that disagrees with the others; with two, the one with fewer records.
 */
final class ClockSkew {

    /** How far apart two mirrored records may be, at most. */
    static final Duration MAX_DISTANCE = Duration.ofMinutes(30);
    /** Word overlap (Jaccard) that makes two records mirrors. */
    static final double SIMILARITY = 0.6;
    static final int MIN_PAIRS = 3;
    /** Most records compared with one record. */
    static final int MAX_CANDIDATES = 200;
    /** Mirrored offsets must agree within this, or it is latency, not skew. */
    static final Duration MAX_SPREAD = Duration.ofSeconds(30);

    /** A skewed source and how far its clock is ahead (positive) of the others. */
    record Skew(String source, long offsetSeconds, String reference, int pairs) {}

    private ClockSkew() {}

    /** The skewed sources among {@code events}, which come oldest first. */
    static List<Skew> estimate(List<StoredEvent> events, Duration threshold) {
        int n = events.size();
        Map<String, String> vocabulary = new ConcurrentHashMap<>();
        List<String[]> words = IntStream.range(0, n).parallel()
                .mapToObj(i -> Words.tokens(events.get(i).event(), vocabulary)).toList();
        long[] millis = new long[n];
        for (int i = 0; i < n; i++) {
            millis[i] = events.get(i).event().occurredAt().toEpochMilli();
        }
        // candidates come from the records sharing a's rarest word: mirrors share all their words, so this finds
        // them while keeping the work linear in the number of records. Postings hold positions, so in time order.
        Map<String, Positions> postings = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String w : words.get(i)) {
                postings.computeIfAbsent(w, k -> new Positions()).add(i);
            }
        }
        // each record's best mirror in each other source: most similar words, then nearest in time
        Map<String, List<Long>> offsets = new TreeMap<>(); // "a|b" (a < b): time in b minus time in a
        for (int a = 0; a < n; a++) {
            Positions candidates = null;
            String rarest = null; // the word with the fewest postings, the first alphabetically on a tie
            for (String w : words.get(a)) {
                Positions posting = postings.get(w);
                if (rarest == null || posting.size < candidates.size
                        || (posting.size == candidates.size && w.compareTo(rarest) < 0)) {
                    rarest = w;
                    candidates = posting;
                }
            }
            if (candidates == null || candidates.size > MAX_CANDIDATES) {
                continue; // no words, or its rarest word is everywhere: nothing distinctive to mirror
            }
            String sa = events.get(a).event().source();
            Map<String, Integer> best = null; // source -> position of the best mirror there
            Map<String, double[]> score = null;
            for (int k = candidates.firstAtOrAfter(millis,
                    millis[a] - MAX_DISTANCE.toMillis()); k < candidates.size; k++) {
                int b = candidates.at[k];
                if (millis[b] > millis[a] + MAX_DISTANCE.toMillis()) {
                    break; // the rest of the posting is later still
                }
                long distanceMs = Math.abs(millis[a] - millis[b]);
                String sb = events.get(b).event().source();
                if (sb.equals(sa)) {
                    continue;
                }
                double similarity = jaccard(words.get(a), words.get(b));
                if (similarity < SIMILARITY) {
                    continue;
                }
                if (best == null) {
                    best = new TreeMap<>();
                    score = new HashMap<>();
                }
                double[] current = score.get(sb);
                if (current == null || similarity > current[0]
                        || (similarity == current[0] && distanceMs < current[1])) {
                    best.put(sb, b);
                    score.put(sb, new double[]{similarity, distanceMs});
                }
            }
            if (best != null) {
                int from = a;
                best.forEach((sb, b) -> {
                    if (sa.compareTo(sb) < 0) { // count each pair once, from the side whose source sorts first
                        offsets.computeIfAbsent(sa + "|" + sb, k -> new ArrayList<>())
                                .add(Duration.between(events.get(from).event().occurredAt(),
                                        events.get(b).event().occurredAt()).toSeconds());
                    }
                });
            }
        }
        List<Skew> skews = new ArrayList<>();
        Map<String, Integer> votes = new TreeMap<>();
        List<Skew> candidates = new ArrayList<>();
        offsets.forEach((pair, list) -> {
            if (list.size() < MIN_PAIRS) {
                return;
            }
            List<Long> sorted = list.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            long spread = sorted.get(sorted.size() * 3 / 4) - sorted.get(sorted.size() / 4); // interquartile range
            if (Math.abs(median) <= threshold.toSeconds() || spread > MAX_SPREAD.toSeconds()) {
                return;
            }
            String[] sources = pair.split("\\|");
            candidates.add(new Skew(sources[1], median, sources[0], list.size()));
            votes.merge(sources[0], 1, Integer::sum);
            votes.merge(sources[1], 1, Integer::sum);
        });
        if (candidates.isEmpty()) {
            return skews;
        }
        Map<String, Long> counts = events.stream()
                .collect(Collectors.groupingBy(e -> e.event().source(), Collectors.counting()));
        for (Skew s : candidates) {
            // the source in more skewed pairs is the odd one out; on a tie, the one with fewer records
            int va = votes.get(s.reference());
            int vb = votes.get(s.source());
            boolean referenceIsSkewed = va > vb || (va == vb && counts.get(s.reference()) < counts.get(s.source()));
            Skew skew = referenceIsSkewed ? new Skew(s.reference(), -s.offsetSeconds(), s.source(), s.pairs()) : s;
            if (skews.stream().noneMatch(x -> x.source().equals(skew.source()))) {
                skews.add(skew);
            }
        }
        return skews;
    }

    /** Positions of the records holding one word, ascending. */
    private static final class Positions {
        int[] at = new int[4];
        int size;

        void add(int position) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
            }
            at[size++] = position;
        }

        /** The first index into {@link #at} whose record is at or after {@code fromMillis}. */
        int firstAtOrAfter(long[] millis, long fromMillis) {
            int low = 0;
            int high = size;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (millis[at[mid]] < fromMillis) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /** Shared tokens over all tokens of the two, from their sorted distinct tokens. */
    static double jaccard(String[] a, String[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int shared = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length;) {
            int order = a[i].compareTo(b[j]);
            if (order == 0) {
                shared++;
                i++;
                j++;
            } else if (order < 0) {
                i++;
            } else {
                j++;
            }
        }
        return (double) shared / (a.length + b.length - shared);
    }
}

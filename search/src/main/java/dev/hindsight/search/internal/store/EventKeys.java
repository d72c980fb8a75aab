package dev.hindsight.search.internal.store;

import java.util.ArrayList;
import java.util.List;

/**
 * How the event table finds rows by id. Ids are hashes, so the new events of every commit land all over an index of
 * them; H2 rewrites each index page a commit touches, and at a few hundred thousand events that was most of a bulk
 * import's time and file growth. On H2 the table therefore indexes a 64-bit key of the id ({@code id_key}) instead of
 * the id, and a lookup names both: the key for the index, the id for the rare key two ids share. PostgreSQL, which
 * updates its index pages in place, keeps its primary key on the id and answers the same conditions with it.
 */
public final class EventKeys {

    private EventKeys() {}

    /** The indexed key of an event id (64-bit FNV-1a of its characters). */
    public static long of(String id) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            hash ^= id.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** The condition "the row's id is one of {@code n} ids", for {@link #args}. */
    public static String in(int n) {
        String marks = EventRows.placeholders(n);
        return "id_key in (" + marks + ") and id in (" + marks + ")";
    }

    /** The arguments of {@link #in} for these ids. */
    public static Object[] args(List<String> ids) {
        List<Object> args = new ArrayList<>(2 * ids.size());
        ids.forEach(id -> args.add(of(id)));
        args.addAll(ids);
        return args.toArray();
    }
}

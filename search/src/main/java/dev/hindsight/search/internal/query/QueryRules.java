package dev.hindsight.search.internal.query;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.internal.index.EventFields;

/** What a search request means whichever engine runs it: which fields filter, how kinds are named, the order. */
public final class QueryRules {

    private QueryRules() {}

    /** Refuses a filter on a field that is not an exact-match field. */
    public static void checkFilterField(String field) {
        if (!EventFields.KEYWORDS.contains(field)) {
            throw new QueryRejectedException("cannot filter on '" + field + "'; filterable fields are "
                    + EventFields.KEYWORDS);
        }
    }

    /** A filter value as the index holds it: kinds by their enum name, whatever spelling the user chose. */
    public static String filterValue(String field, String value) {
        if (!field.equals(EventFields.KIND)) {
            return value;
        }
        return EventKind.parse(value)
                .map(Enum::name)
                .orElseThrow(() -> new QueryRejectedException("unknown kind '" + value + "'"));
    }

    /** The order asked for; by default relevance when there is text, oldest first when there is none. */
    public static SearchQuery.Sort order(SearchQuery query, boolean matchAll) {
        if (query.sort() == SearchQuery.Sort.DEFAULT) {
            return matchAll ? SearchQuery.Sort.TIME : SearchQuery.Sort.RELEVANCE;
        }
        return query.sort();
    }
}

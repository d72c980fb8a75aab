package dev.hindsight.search.internal.index;

import java.util.List;

/** Names of the index fields; the type chosen for each is explained where the document is built. */
public final class EventFields {
    public static final String ID = "id";
    public static final String SEQ = "seq";
    public static final String AT = "at";
    public static final String SOURCE = "source";
    public static final String KIND = "kind";
    public static final String SERVICE = "service";
    public static final String HOST = "host";
    public static final String SEVERITY = "severity";
    public static final String LOCATION = "location";
    public static final String ACTOR = "actor";
    public static final String INCIDENT = "incident";
    public static final String LABEL = "label";
    public static final String TITLE = "title";
    public static final String TEXT = "text";
    /** Catch-all analysed field, the default field of queries. */
    public static final String CONTENT = "content";

    /** Exact-match fields a filter or a {@code field:value} query term can name. */
    public static final List<String> KEYWORDS = List.of(ID, SOURCE, KIND, SERVICE, HOST, SEVERITY, LOCATION, ACTOR,
            INCIDENT, LABEL);

    /** Key of the Lucene commit user data that records the highest database sequence the commit contains. */
    public static final String COMMIT_SEQ = "hindsight.seq";
    /** Commit user data: the document layout ({@link EventDocuments#SCHEMA}) the index was written with. */
    public static final String COMMIT_SCHEMA = "hindsight.schema";

    private EventFields() {}
}

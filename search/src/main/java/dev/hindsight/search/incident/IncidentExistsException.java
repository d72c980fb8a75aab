package dev.hindsight.search.incident;

/** An incident with this key already exists. */
public class IncidentExistsException extends IllegalStateException {
    public IncidentExistsException(String key) {
        super("incident " + key + " already exists");
    }
}

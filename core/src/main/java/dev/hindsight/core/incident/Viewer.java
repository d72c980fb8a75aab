package dev.hindsight.core.incident;

/**
 * Who is looking (or writing), for visibility decisions: admins see every incident; everyone else sees unrestricted
 * incidents and the restricted ones they are a member or the commander of. Every read or write of incident data in the
 * search and reporting modules takes one, and those modules apply this rule themselves.
 *
 * @param name the user name (also the actor named in audit and history)
 */
public record Viewer(String name, boolean admin) {

    /** The local operator of the command line, who owns the data directory. */
    public static final Viewer LOCAL_ADMIN = new Viewer("local", true);

    /** The server itself: pull sources, the watched folder, first-start samples. */
    public static final Viewer SYSTEM = new Viewer("hindsight", true);

    public boolean maySee(IncidentSummary incident) {
        return admin || !incident.restricted() || incident.members().contains(name)
                || name.equals(incident.commander());
    }
}

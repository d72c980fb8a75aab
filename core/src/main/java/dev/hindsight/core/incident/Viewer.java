package dev.hindsight.core.incident;

/**
 * Who is looking, for visibility decisions: admins see every incident; everyone else sees unrestricted incidents and
 * the restricted ones they are a member or the commander of.
 */
public record Viewer(String name, boolean admin) {

    /** The local operator of the command line, who owns the data directory. */
    public static final Viewer LOCAL_ADMIN = new Viewer("local-admin", true);

    public boolean maySee(IncidentSummary incident) {
        return admin
                || !incident.restricted()
                || incident.members().contains(name)
                || name.equals(incident.commander());
    }
}

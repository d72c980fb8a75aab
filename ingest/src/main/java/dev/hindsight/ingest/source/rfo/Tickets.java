package dev.hindsight.ingest.source.rfo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A notice's ticket number, introduced as carriers do: with a label and a colon ("Ticket #: 884213"), without one
 * ("reference number CRQ1-12345678", "please reference K-293030438574", "TT 65430585"), in the subject only, with a
 * slash or backslash inside ("PCR/123456", "R1234\56B"). An id has a digit; the label decides before the subject.
 */
final class Tickets {

    private static final String ID = "([A-Za-z0-9][A-Za-z0-9/\\\\._-]{1,40}[A-Za-z0-9])";
    private static final Pattern LABELLED = Pattern.compile("(?i)(?<![a-z])(?:ticket(?:\\s+(?:number|no\\.?|#|id|"
            + "reference))?|reference(?:\\s+(?:number|no\\.?|#|id))?|ref\\.?\\s*#|case(?:\\s+(?:number|no\\.?|#|id))?"
            + "|maintenance[\\s_-]+(?:id|number|no\\.?|#|ticket)|work\\s+order(?:\\s+number)?|change(?:\\s+(?:id|number|"
            + "request))|request\\s+number|event\\s+id|window\\s*#|notification\\s*(?:number|id|#|:)|tt\\s*#?|wmt\\s*#?"
            + "|issue\\s*=|please\\s+(?:quote|reference)|quoting\\s+the\\s+following\\s+reference\\s+number)"
            + "[\\s:#=|\\-]{0,6}[\\[(\"']?\\s*" + ID);
    /** Ids as carriers' ticket systems number them, for subjects that only name one. */
    private static final Pattern SUBJECT_ID = Pattern.compile("(?<![A-Za-z0-9])((?:CHG|CRQ|INC|TIC|TTN|TT|PCR|VNOC"
            + "|WMT|CM|PE|PN|K|CASE|REQ|RFC|MNT|CR)[A-Z0-9]*[-/#]?\\d[A-Z0-9/-]{3,}|\\d{5,})(?![A-Za-z0-9])");

    private Tickets() {}

    static @Nullable String find(String text, @Nullable String subject) {
        for (String source : subject == null ? new String[]{text} : new String[]{text, subject}) {
            Matcher labelled = LABELLED.matcher(source);
            while (labelled.find()) {
                String id = labelled.group(1);
                if (id.chars().anyMatch(Character::isDigit) && !looksLikeDate(id)) {
                    return id;
                }
            }
        }
        if (subject != null) {
            Matcher id = SUBJECT_ID.matcher(subject);
            while (id.find()) {
                if (!looksLikeDate(id.group(1))) {
                    return id.group(1);
                }
            }
        }
        return null;
    }

    private static boolean looksLikeDate(String id) {
        return id.matches("\\d{1,4}[/.-]\\d{1,2}([/.-]\\d{1,4})?") || id.matches("(19|20)\\d{6}");
    }
}

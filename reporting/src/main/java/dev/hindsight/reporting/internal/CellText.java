package dev.hindsight.reporting.internal;

import org.jspecify.annotations.Nullable;

/**
 * Text bound for a spreadsheet cell. A cell that starts with = + - @ (or a tab, carriage return or other control
 * character) would be read as a formula by Excel or LibreOffice when a CSV is opened; chat and alert text is
 * attacker-controlled, so such text is neutralised.
 */
public final class CellText {

    private CellText() {}

    public static boolean dangerous(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || Character.isISOControl(c);
    }

    /** For CSV: a leading apostrophe makes spreadsheet programs take the cell as text (OWASP's advice). */
    public static String forCsv(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return dangerous(text) ? "'" + text : text;
    }
}

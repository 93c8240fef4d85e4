package dev.partneraccess.core.support;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What text the product accepts, in one place: the body parser, the query filters and the policy validator all ask
 * here. A value is refused when it holds a control character (NUL and ESC among them: PostgreSQL cannot store NUL, and
 * escape sequences repaint an admin's terminal), an unpaired surrogate, a bidirectional embedding, override or isolate
 * (they make a name read differently from what it is), or when nothing of it would be visible on screen. Free text such
 * as a reason or a business purpose may also span lines and hold tabs; a name may not.
 */
public final class TextRules {

    /** Names, identifiers, filters: one line, no tab. */
    public static final boolean LINE = false;
    /** Reasons, justifications, purposes: line breaks and tabs allowed. */
    public static final boolean MULTI_LINE = true;

    private TextRules() {
    }

    /** Why {@code value} breaks the rules, or null when it keeps them. */
    public static String problem(String value, boolean multiLine) {
        boolean visible = false;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029) {
                if (!multiLine) {
                    return "must be a single line without tabs (it contains " + codePoint(c) + ")";
                }
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL) {
                return "contains the control character " + codePoint(c);
            }
            if (type == Character.SURROGATE) {
                return "contains an unpaired surrogate " + codePoint(c);
            }
            if (isBidiControl(c)) {
                return "contains the bidirectional control character " + codePoint(c);
            }
            visible |= isVisible(c, type);
        }
        return visible ? null : "has no visible characters";
    }

    /** Answers {@code value} when it keeps the rules; otherwise a 400 naming {@code field}. Null passes. */
    public static String check(String field, String value, boolean multiLine) {
        if (value == null) {
            return null;
        }
        String problem = problem(value, multiLine);
        if (problem != null) {
            throw Refusal.invalid(field, "'" + field + "' " + problem + ".");
        }
        return value;
    }

    /**
     * A query filter: null or blank means no filter; otherwise the trimmed value, which must keep the rules of a line
     * (a 400 naming the parameter).
     */
    public static String filter(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return check(parameter, raw.strip(), LINE);
    }

    /**
     * Whether {@code id} can be the id of anything stored: ids are single words, so one with a control, format or
     * space character, or an absurd length, names nothing and is answered like any unknown id.
     */
    public static boolean plausibleId(String id) {
        if (id == null || id.isEmpty() || id.length() > 255) {
            return false;
        }
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The form in which two names are the same name: compatibility-normalised (NFKC, so full-width and other
     * look-alike forms fold into the plain ones), case-folded, without invisible format characters, with runs of
     * space made one. {@code Fuzz Co}, {@code fuzz co} and {@code ＦＵＺＺ  ＣＯ} share one key.
     */
    public static String nameKey(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
        // Upper then lower case folds what lower case alone keeps apart (ß and ss, ς and σ).
        n = n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        n = Normalizer.normalize(n, Normalizer.Form.NFKC);
        StringBuilder key = new StringBuilder(n.length());
        boolean space = false;
        for (int i = 0; i < n.length(); ) {
            int c = n.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.FORMAT) {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = key.length() > 0;
                continue;
            }
            if (space) {
                key.append(' ');
                space = false;
            }
            key.appendCodePoint(c);
        }
        return key.toString();
    }

    /**
     * {@code value} cut to at most {@code max} characters, never between the two halves of a surrogate pair: for a
     * column or a Keycloak field narrower than what it is built from (the whole text stays in the evidence).
     */
    public static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isLowSurrogate(value.charAt(max)) && Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Something a reader sees: not space, not a format character, not a mark on nothing, not a filler. */
    private static boolean isVisible(int c, int type) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return false;
        }
        return switch (type) {
            case Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> false;
            // Hangul fillers and the blank Braille pattern are letters or symbols that draw nothing.
            default -> c != 0x115F && c != 0x1160 && c != 0x3164 && c != 0xFFA0 && c != 0x2800;
        };
    }

    private static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }
}

package dev.partneraccess.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a Keycloak server log (the default console and file format: time, level, [category], thread, message, then
 * any stack trace on the following lines) and finds the ERROR entries that come from this product: logged by one of
 * our classes, or carrying one of our classes in their stack trace (an uncaught exception in our code, which Keycloak
 * logs under its own category).
 */
final class ServerLog {

    private static final Pattern ENTRY = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} ");
    private static final Pattern ERROR = Pattern.compile("^\\S+ \\S+ ERROR ");
    private static final String OURS = "dev.partneraccess";

    private ServerLog() {
    }

    static List<String> errorsFromProduct(String log) {
        List<String> errors = new ArrayList<>();
        StringBuilder entry = null;
        for (String line : log.split("\\R")) {
            if (ENTRY.matcher(line).find()) {
                keepIfOurs(entry, errors);
                entry = new StringBuilder(line);
            } else if (entry != null) {
                entry.append('\n').append(line);
            }
        }
        keepIfOurs(entry, errors);
        return errors;
    }

    /**
     * Keycloak's own ERRORs about the environment, which our code reports as warnings and handles: a mail server that
     * refuses the connection (KC-SERVICES0029; AccessRequestIT points a realm at one on purpose).
     */
    private static final List<String> ENVIRONMENT = List.of("KC-SERVICES0029: Failed to send email");

    private static void keepIfOurs(StringBuilder entry, List<String> errors) {
        if (entry != null && ERROR.matcher(entry).find() && entry.indexOf(OURS) >= 0
                && ENVIRONMENT.stream().noneMatch(known -> entry.indexOf(known) >= 0)) {
            errors.add(entry.length() > 4000 ? entry.substring(0, 4000) + "..." : entry.toString());
        }
    }
}

package org.medialive.distributor.security;

/**
 * Text a client chose (a user name, a path), made safe for a log line or an audit entry: control
 * characters (CR, LF, ESC ...) become '?', so nobody can forge a line, and it is cut
 * (at 64 characters for a name).
 */
final class LogSafeText {

    private static final int NAME = 64;

    private LogSafeText() {
    }

    static String of(String text) {
        return of(text, NAME);
    }

    static String of(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), max + 1));
        text.codePoints().limit(max).forEach(c -> safe.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c));
        if (text.codePointCount(0, text.length()) > max) {
            safe.append('…');
        }
        return safe.toString();
    }

    /** {@link #of} in double quotes, for log messages. */
    static String quoted(String text) {
        return '"' + of(text).replace("\"", "'") + '"';
    }
}

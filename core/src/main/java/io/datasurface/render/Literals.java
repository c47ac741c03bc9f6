package io.datasurface.render;

/**
 * Quoted string literals for the generated languages. A double-quoted string with backslash escapes
 * for '"', '\' and control characters means the same text in Python, JSON and YAML, so model names
 * can never break out of the literal they are placed in.
 */
public final class Literals {
    private Literals() {
    }

    /** A double-quoted literal valid in Python, JSON and YAML. */
    public static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        escapeInto(value, out);
        return out.append('"').toString();
    }

    /** A double-quoted HCL literal: as {@link #quoted}, and template sequences are escaped so nothing is interpolated. */
    public static String hcl(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        escapeInto(value.replace("${", "$${").replace("%{", "%%{"), out);
        return out.append('"').toString();
    }

    private static void escapeInto(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}

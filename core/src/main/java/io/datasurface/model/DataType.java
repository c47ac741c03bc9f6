package io.datasurface.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a column, independent of any database. {@link #toString()} gives the text form used
 * in YAML, which {@link #parse(String)} reads back.
 */
public sealed interface DataType {

    record BooleanType() implements DataType {
        @Override
        public String toString() {
            return "boolean";
        }
    }

    /** A signed integer of 16, 32 or 64 bits. */
    record IntegerType(int bits) implements DataType {
        @Override
        public String toString() {
            return switch (bits) {
                case 16 -> "smallint";
                case 32 -> "int";
                case 64 -> "bigint";
                default -> "int" + bits;
            };
        }
    }

    record DecimalType(int precision, int scale) implements DataType {
        @Override
        public String toString() {
            return "decimal(" + precision + "," + scale + ")";
        }
    }

    /** A binary floating point number of 32 (float) or 64 (double) bits. */
    record FloatType(int bits) implements DataType {
        @Override
        public String toString() {
            return bits == 64 ? "double" : "float";
        }
    }

    record DateType() implements DataType {
        @Override
        public String toString() {
            return "date";
        }
    }

    /** A timestamp with fractional second digits {@code precision}, with or without time zone. */
    record TimestampType(boolean withTimeZone, int precision) implements DataType {
        public static final int DEFAULT_PRECISION = 6;

        @Override
        public String toString() {
            String base = withTimeZone ? "timestamptz" : "timestamp";
            return precision == DEFAULT_PRECISION ? base : base + "(" + precision + ")";
        }
    }

    record CharType(int length) implements DataType {
        @Override
        public String toString() {
            return "char(" + length + ")";
        }
    }

    record VarcharType(int length) implements DataType {
        @Override
        public String toString() {
            return "varchar(" + length + ")";
        }
    }

    record TextType() implements DataType {
        @Override
        public String toString() {
            return "text";
        }
    }

    record BinaryType() implements DataType {
        @Override
        public String toString() {
            return "binary";
        }
    }

    record JsonType() implements DataType {
        @Override
        public String toString() {
            return "json";
        }
    }

    Pattern WITH_ARGUMENTS = Pattern.compile("([a-z]+)\\s*\\(\\s*(-?\\d+)\\s*(?:,\\s*(-?\\d+)\\s*)?\\)");

    /**
     * Reads a type's text form, for example {@code bigint}, {@code varchar(100)} or
     * {@code decimal(12,2)}. Lengths and precisions are taken as written; lint checks their ranges.
     *
     * @throws IllegalArgumentException naming the accepted types when the text is not one of them
     */
    static DataType parse(String text) {
        DataType known = Parsed.TYPES.get(text);
        if (known != null) {
            return known;
        }
        DataType parsed = parseText(text);
        if (Parsed.TYPES.size() < Parsed.MAX_CACHED) {
            Parsed.TYPES.put(text, parsed);
        }
        return parsed;
    }

    /** Parsed type texts: a model repeats a few dozen type texts across hundreds of thousands of columns. */
    final class Parsed {
        private static final int MAX_CACHED = 10_000;
        private static final java.util.Map<String, DataType> TYPES = new java.util.concurrent.ConcurrentHashMap<>();

        private Parsed() {
        }
    }

    private static DataType parseText(String text) {
        String normalized = text.trim().toLowerCase(Locale.ENGLISH);
        switch (normalized) {
            case "boolean", "bool":
                return new BooleanType();
            case "smallint", "int16":
                return new IntegerType(16);
            case "int", "integer", "int32":
                return new IntegerType(32);
            case "bigint", "int64":
                return new IntegerType(64);
            case "float", "real", "float32":
                return new FloatType(32);
            case "double", "float64":
                return new FloatType(64);
            case "date":
                return new DateType();
            case "timestamp":
                return new TimestampType(false, TimestampType.DEFAULT_PRECISION);
            case "timestamptz":
                return new TimestampType(true, TimestampType.DEFAULT_PRECISION);
            case "text":
                return new TextType();
            case "binary":
                return new BinaryType();
            case "json":
                return new JsonType();
            default:
                break;
        }
        Matcher m = WITH_ARGUMENTS.matcher(normalized);
        if (m.matches()) {
            int first = Integer.parseInt(m.group(2));
            boolean hasSecond = m.group(3) != null;
            int second = hasSecond ? Integer.parseInt(m.group(3)) : 0;
            switch (m.group(1)) {
                case "decimal", "numeric":
                    return new DecimalType(first, second);
                case "char":
                    if (!hasSecond) {
                        return new CharType(first);
                    }
                    break;
                case "varchar":
                    if (!hasSecond) {
                        return new VarcharType(first);
                    }
                    break;
                case "timestamp", "timestamptz":
                    if (!hasSecond) {
                        return new TimestampType(m.group(1).equals("timestamptz"), first);
                    }
                    break;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown data type '" + text + "': use one of boolean, smallint, int, bigint, "
                + "decimal(p,s), float, double, date, timestamp, timestamptz, timestamp(p), char(n), varchar(n), text, binary, json");
    }
}

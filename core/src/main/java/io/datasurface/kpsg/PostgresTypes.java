package io.datasurface.kpsg;

import io.datasurface.model.DataType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the model's data types are stored in PostgreSQL; some have no faithful PostgreSQL type. */
public final class PostgresTypes {
    /** PostgreSQL's limit for numeric precision. */
    public static final int MAX_NUMERIC_PRECISION = 1000;
    /** PostgreSQL's limit for char(n) and varchar(n). */
    public static final int MAX_CHARACTER_LENGTH = 10_485_760;
    /** PostgreSQL keeps timestamps to the microsecond. */
    public static final int MAX_TIMESTAMP_PRECISION = 6;
    /** A type as format_type prints it: name, optional (n) or (p,s), optional time zone. */
    private static final Pattern CATALOG_TYPE = Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?( with time zone| without time zone)?");

    private PostgresTypes() {
    }

    /** The PostgreSQL type, or the reason there is none. */
    public sealed interface Mapping {
        record Supported(String sqlType) implements Mapping {
        }

        record Unsupported(String reason) implements Mapping {
        }
    }

    public static Mapping map(DataType type) {
        if (type instanceof DataType.BooleanType) {
            return new Mapping.Supported("boolean");
        } else if (type instanceof DataType.IntegerType t) {
            return switch (t.bits()) {
                case 16 -> new Mapping.Supported("smallint");
                case 32 -> new Mapping.Supported("integer");
                case 64 -> new Mapping.Supported("bigint");
                default -> new Mapping.Unsupported("PostgreSQL has integers of 16, 32 and 64 bits only");
            };
        } else if (type instanceof DataType.DecimalType t) {
            if (t.precision() < 1 || t.precision() > MAX_NUMERIC_PRECISION || t.scale() < 0 || t.scale() > t.precision()) {
                return new Mapping.Unsupported("PostgreSQL numeric needs 1 <= precision <= " + MAX_NUMERIC_PRECISION + " and 0 <= scale <= precision");
            }
            return new Mapping.Supported("numeric(" + t.precision() + "," + t.scale() + ")");
        } else if (type instanceof DataType.FloatType t) {
            return new Mapping.Supported(t.bits() == 64 ? "double precision" : "real");
        } else if (type instanceof DataType.DateType) {
            return new Mapping.Supported("date");
        } else if (type instanceof DataType.TimestampType t) {
            if (t.precision() < 0 || t.precision() > MAX_TIMESTAMP_PRECISION) {
                return new Mapping.Unsupported("PostgreSQL keeps timestamps to the microsecond: use a precision from 0 to " + MAX_TIMESTAMP_PRECISION);
            }
            String base = t.withTimeZone() ? "timestamptz" : "timestamp";
            return new Mapping.Supported(t.precision() == DataType.TimestampType.DEFAULT_PRECISION ? base : base + "(" + t.precision() + ")");
        } else if (type instanceof DataType.CharType t) {
            return characterType("char", t.length());
        } else if (type instanceof DataType.VarcharType t) {
            return characterType("varchar", t.length());
        } else if (type instanceof DataType.TextType) {
            return new Mapping.Supported("text");
        } else if (type instanceof DataType.BinaryType) {
            return new Mapping.Supported("bytea");
        } else if (type instanceof DataType.JsonType) {
            return new Mapping.Supported("jsonb");
        }
        throw new IllegalArgumentException("no PostgreSQL mapping is defined for " + type);
    }

    /** The PostgreSQL type of a type that lint accepted. */
    public static String sqlType(DataType type) {
        Mapping mapping = map(type);
        if (mapping instanceof Mapping.Supported s) {
            return s.sqlType();
        }
        throw new IllegalArgumentException(type + " has no PostgreSQL type: " + ((Mapping.Unsupported) mapping).reason());
    }

    /**
     * The model type a column of the catalog has, from its type as PostgreSQL's {@code format_type}
     * prints it ({@code character varying(50)}, {@code numeric(10,2)}, {@code timestamp(3) with time zone});
     * empty for a type no model type maps to.
     */
    public static Optional<DataType> fromCatalog(String formatType) {
        Matcher m = CATALOG_TYPE.matcher(formatType);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1);
        Integer first = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer second = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        String zone = m.group(4);
        return Optional.ofNullable(switch (name) {
            case "boolean" -> new DataType.BooleanType();
            case "smallint" -> new DataType.IntegerType(16);
            case "integer" -> new DataType.IntegerType(32);
            case "bigint" -> new DataType.IntegerType(64);
            case "numeric" -> first == null ? null : new DataType.DecimalType(first, second == null ? 0 : second);
            case "real" -> new DataType.FloatType(32);
            case "double precision" -> new DataType.FloatType(64);
            case "date" -> new DataType.DateType();
            case "timestamp" -> new DataType.TimestampType(" with time zone".equals(zone),
                    first == null ? DataType.TimestampType.DEFAULT_PRECISION : first);
            case "character" -> first == null ? null : new DataType.CharType(first);
            case "character varying" -> first == null ? new DataType.TextType() : new DataType.VarcharType(first);
            case "text" -> new DataType.TextType();
            case "bytea" -> new DataType.BinaryType();
            case "jsonb" -> new DataType.JsonType();
            default -> null;
        });
    }

    private static Mapping characterType(String name, int length) {
        if (length < 1 || length > MAX_CHARACTER_LENGTH) {
            return new Mapping.Unsupported("PostgreSQL " + name + "(n) needs 1 <= n <= " + MAX_CHARACTER_LENGTH + ": use text for longer values");
        }
        return new Mapping.Supported(name + "(" + length + ")");
    }
}

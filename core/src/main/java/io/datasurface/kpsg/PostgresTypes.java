package io.datasurface.kpsg;

import io.datasurface.model.DataType;

/** How the model's data types are stored in PostgreSQL; some have no faithful PostgreSQL type. */
public final class PostgresTypes {
    /** PostgreSQL's limit for numeric precision. */
    public static final int MAX_NUMERIC_PRECISION = 1000;
    /** PostgreSQL's limit for char(n) and varchar(n). */
    public static final int MAX_CHARACTER_LENGTH = 10_485_760;
    /** PostgreSQL keeps timestamps to the microsecond. */
    public static final int MAX_TIMESTAMP_PRECISION = 6;

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

    private static Mapping characterType(String name, int length) {
        if (length < 1 || length > MAX_CHARACTER_LENGTH) {
            return new Mapping.Unsupported("PostgreSQL " + name + "(n) needs 1 <= n <= " + MAX_CHARACTER_LENGTH + ": use text for longer values");
        }
        return new Mapping.Supported(name + "(" + length + ")");
    }
}

package io.datasurface.local;

import io.datasurface.kpsg.MappedColumn;
import io.datasurface.model.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * Values a producer could write for a column of each model type: keys from a counter, other values
 * at random within the type's limits, with NULLs where the column allows them and non-ASCII text,
 * so that the pipeline is exercised on everything the model can say.
 */
final class ColumnValues {
    private static final List<String> WORDS = List.of("alpha", "Zoë", "Ångström", "東京", "☕", "naïve café", "O'Brien", "line\nbreak",
            "tab\there", "quote\"d", "back\\slash", "emoji 🚀", "Ελληνικά", "русский", "", " leading space");
    private static final LocalDate EPOCH_DAY = LocalDate.of(2020, 1, 1);
    private static final LocalDateTime EPOCH_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

    private ColumnValues() {
    }

    /** The value of a key column for the {@code n}-th key: distinct for distinct {@code n}. */
    static Object key(MappedColumn c, long n) {
        DataType type = c.column().type();
        if (type instanceof DataType.IntegerType i) {
            return switch (i.bits()) {
                case 16 -> (short) (n % Short.MAX_VALUE);
                case 32 -> (int) n;
                default -> n;
            };
        }
        if (type instanceof DataType.CharType ch) {
            return fit("K" + n, ch.length());
        }
        if (type instanceof DataType.VarcharType v) {
            return fit("key-" + n, v.length());
        }
        if (type instanceof DataType.TextType) {
            return "key-" + n;
        }
        if (type instanceof DataType.DateType) {
            return EPOCH_DAY.plusDays(n);
        }
        if (type instanceof DataType.DecimalType) {
            return BigDecimal.valueOf(n);
        }
        throw new IllegalArgumentException("column " + c.name() + " of type " + type + " cannot be a generated key");
    }

    /** A random value for a non-key column; NULL about one time in five where the column allows it. */
    static Object random(MappedColumn c, Random random) {
        if (c.nullable() && random.nextInt(5) == 0) {
            return null;
        }
        DataType type = c.column().type();
        if (type instanceof DataType.BooleanType) {
            return random.nextBoolean();
        }
        if (type instanceof DataType.IntegerType i) {
            return switch (i.bits()) {
                case 16 -> (short) random.nextInt(Short.MAX_VALUE);
                case 32 -> random.nextInt() / 2;
                default -> random.nextLong() / 2;
            };
        }
        if (type instanceof DataType.DecimalType d) {
            int digits = Math.min(d.precision(), 18);
            BigInteger unscaled = BigInteger.valueOf(Math.floorMod(random.nextLong(), (long) Math.pow(10, digits)));
            return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), d.scale());
        }
        if (type instanceof DataType.FloatType f) {
            // Quarters and eighths are exact in binary, so float and double survive every conversion unchanged.
            return f.bits() == 32 ? (Object) (random.nextInt(40_000) / 4f) : (Object) (random.nextInt(8_000_000) / 8.0);
        }
        if (type instanceof DataType.DateType) {
            return EPOCH_DAY.plusDays(random.nextInt(3_000));
        }
        if (type instanceof DataType.TimestampType t) {
            LocalDateTime time = EPOCH_TIME.plus(Math.floorMod(random.nextLong(), 200_000_000_000_000L), ChronoUnit.MICROS);
            int unit = pow10(9 - Math.min(t.precision(), 6));
            time = time.withNano(time.getNano() / unit * unit);
            return t.withTimeZone() ? time.atOffset(ZoneOffset.UTC) : time;
        }
        if (type instanceof DataType.CharType ch) {
            return fit(text(random), ch.length());
        }
        if (type instanceof DataType.VarcharType v) {
            return fit(text(random), v.length());
        }
        if (type instanceof DataType.TextType) {
            return text(random) + " " + text(random);
        }
        if (type instanceof DataType.BinaryType) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            return bytes;
        }
        if (type instanceof DataType.JsonType) {
            return "{\"n\": " + random.nextInt(1000) + ", \"tags\": [\"" + WORDS.get(random.nextInt(3)) + "\", \"東京\"], \"ok\": "
                    + random.nextBoolean() + "}";
        }
        throw new IllegalArgumentException("no generator for column " + c.name() + " of type " + type);
    }

    /** Binds a generated value, telling the driver which PostgreSQL type text and JSON are. */
    static void bind(PreparedStatement statement, int index, MappedColumn c, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (c.column().type() instanceof DataType.JsonType) {
            statement.setObject(index, value, Types.OTHER);
        } else {
            statement.setObject(index, value);
        }
    }

    private static String text(Random random) {
        return WORDS.get(random.nextInt(WORDS.size())) + " " + random.nextInt(100_000);
    }

    /** Cut to at most {@code length} characters, never inside a surrogate pair. */
    private static String fit(String text, int length) {
        if (text.codePointCount(0, text.length()) <= length) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, length));
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}

package io.datasurface.governance;

import io.datasurface.model.DataType;
import io.datasurface.model.DataType.DateType;
import io.datasurface.model.DataType.DecimalType;
import io.datasurface.model.DataType.FloatType;
import io.datasurface.model.DataType.IntegerType;
import io.datasurface.model.DataType.TextType;
import io.datasurface.model.DataType.TimestampType;
import io.datasurface.model.DataType.VarcharType;

/**
 * Which column type changes every existing value survives, so that consumers and the platform's
 * tables keep working. One predicate, used by the schema check and by its test's full matrix.
 */
public final class TypePromotion {
    private TypePromotion() {
    }

    /**
     * True when {@code from} may become {@code to}: the same type; a wider integer; varchar(n) to
     * varchar(m ≥ n) or text; decimal(p,s) to decimal(p',s') keeping at least as many integer and
     * fraction digits; float to double; date to timestamp; a timestamp to more fractional digits
     * with the same time zone handling. Anything else (narrowing, changes of kind, char(n), time
     * zone changes whose values would be reinterpreted) is not.
     */
    public static boolean isPromotionAllowed(DataType from, DataType to) {
        if (from.equals(to)) {
            return true;
        }
        if (from instanceof IntegerType f && to instanceof IntegerType t) {
            return t.bits() >= f.bits();
        }
        if (from instanceof VarcharType f) {
            return to instanceof TextType || to instanceof VarcharType t && t.length() >= f.length();
        }
        if (from instanceof DecimalType f && to instanceof DecimalType t) {
            return t.precision() - t.scale() >= f.precision() - f.scale() && t.scale() >= f.scale();
        }
        if (from instanceof FloatType f && to instanceof FloatType t) {
            return t.bits() >= f.bits();
        }
        if (from instanceof DateType && to instanceof TimestampType t) {
            // A date read as a timestamp is midnight; with a time zone it would depend on the reader's zone.
            return !t.withTimeZone();
        }
        if (from instanceof TimestampType f && to instanceof TimestampType t) {
            return f.withTimeZone() == t.withTimeZone() && t.precision() >= f.precision();
        }
        return false;
    }

    /** Why a change is not a widening, in the words a producer needs to fix it. */
    static String explain(DataType from, DataType to) {
        return "type changed from " + from + " to " + to + ", which does not keep every existing value: change it back, or widen instead "
                + "(int to bigint, varchar(n) to varchar(m >= n) or text, decimal(p,s) to more integer and fraction digits, "
                + "float to double, date to timestamp)";
    }
}

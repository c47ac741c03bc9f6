package io.datasurface.kpsg;

import java.util.Arrays;
import java.util.Locale;

/** What a table DataSurface created is for, as the {@code kind} column of {@link PlatformTables#TABLE_REGISTRY} holds it. */
public enum TableKind {
    STAGING,
    STAGING_ARCHIVE,
    MERGE;

    /** The text stored in the table. */
    public String value() {
        return name().toLowerCase(Locale.ENGLISH);
    }

    public static TableKind of(String value) {
        return Arrays.stream(values()).filter(k -> k.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown table kind '" + value + "'"));
    }
}

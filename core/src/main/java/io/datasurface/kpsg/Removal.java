package io.datasurface.kpsg;

import static java.util.Objects.requireNonNull;

/** How an unused table left the platform schema, as the {@code removal} column of {@link PlatformTables#TABLE_REGISTRY} holds it. */
public sealed interface Removal {
    String ARCHIVED_PREFIX = "archived as ";

    /** The text stored in the table. */
    String value();

    record Dropped() implements Removal {
        @Override
        public String value() {
            return "dropped";
        }
    }

    /** Registered, but gone from the schema already (removed by hand): only the registry is updated. */
    record Missing() implements Removal {
        @Override
        public String value() {
            return "missing";
        }
    }

    record Archived(String schema, String table) implements Removal {
        public Archived {
            requireNonNull(schema, "schema is null");
            requireNonNull(table, "table is null");
        }

        @Override
        public String value() {
            return ARCHIVED_PREFIX + schema + "." + table;
        }
    }

    static Removal of(String value) {
        if (value.equals("dropped")) {
            return new Dropped();
        }
        if (value.equals("missing")) {
            return new Missing();
        }
        int dot = value.indexOf('.', ARCHIVED_PREFIX.length());
        if (value.startsWith(ARCHIVED_PREFIX) && dot > 0) {
            return new Archived(value.substring(ARCHIVED_PREFIX.length(), dot), value.substring(dot + 1));
        }
        throw new IllegalArgumentException("unknown removal '" + value + "'");
    }
}

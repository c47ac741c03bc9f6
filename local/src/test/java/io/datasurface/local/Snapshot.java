package io.datasurface.local;

import static io.datasurface.local.Rows.row;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

/** Rows written to the source tables before capture starts: they must arrive as snapshot reads ('r'). */
final class Snapshot {
    static final Map<String, Object> CAMPAIGN = row("campaign_id", 1, "title", "Spring – Ångström ☕", "starts_on", LocalDate.of(2026, 3, 1),
            "ends_on", null, "budget", 1234.5d, "active", true);
    /** Opened the day before the epoch: a negative day count in the event. */
    static final Map<String, Object> ACCOUNT = row("account_no", "AC-0000001", "name", "Zoë Ångström – 東京 ☕", "currency", "EUR",
            "opened_on", LocalDate.of(1969, 12, 31));
    static final Map<String, Object> ORDER = row("order_id", 1L, "customer_id", 7L, "placed_at",
            java.time.OffsetDateTime.parse("2025-12-31T23:59:59.999999Z"), "status", "open", "total", new BigDecimal("0.00"), "notes", null);

    private Snapshot() {
    }

    static void write(SourceDatabases sources) throws SQLException {
        insert(sources, "campaign_db", "campaigns", CAMPAIGN);
        insert(sources, "ledger_db", "accounts", ACCOUNT);
        insert(sources, "orders_db", "orders", ORDER);
    }

    private static void insert(SourceDatabases sources, String store, String dataset, Map<String, Object> row) throws SQLException {
        SourceDatabases.Source source = sources.source(store);
        try (Connection c = source.database().connect()) {
            Rows.insert(c, source.dataset(dataset), row);
        }
    }
}

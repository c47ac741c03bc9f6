package io.datasurface.local;

import static io.datasurface.local.Rows.row;
import static io.datasurface.local.Rows.with;
import static io.datasurface.local.Staging.expected;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.IngestedDataset;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Changes made in the source databases of examples/acme arrive, through the Debezium sources and
 * the platform's rendered sinks, in the right staging tables with the right op and every value
 * as written: decimals, timestamps with and without zone, dates, bytes, booleans, floats, JSON,
 * non-ASCII text and NULLs.
 */
@Order(1)
class ChangeCaptureTest {
    private static final String TEXT = "Zoë Ångström – 東京 ☕";
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = SharedPlatform.get();
    }

    @Test
    void rowsPresentBeforeCaptureStartsArriveAsSnapshotReads() throws Exception {
        assertThat(comparable(Staging.await(platform, dataset("campaign_db", "campaigns"), "campaign_id", 1, 1)))
                .containsExactly(expected("r", Snapshot.CAMPAIGN));
        assertThat(comparable(Staging.await(platform, dataset("ledger_db", "accounts"), "account_no", "AC-0000001", 1)))
                .containsExactly(expected("r", Snapshot.ACCOUNT));
        assertThat(comparable(Staging.await(platform, dataset("orders_db", "orders"), "order_id", 1L, 1)))
                .containsExactly(expected("r", Snapshot.ORDER));
    }

    @Test
    void insertUpdateAndDeleteArriveAsCreateUpdateDeleteWithEveryValueAsWritten() throws Exception {
        IngestedDataset entries = dataset("ledger_db", "entries");
        Map<String, Object> created = row("entry_id", 1001L, "account_no", "AC-0000001", "amount", new BigDecimal("-12345678901234.5678"),
                "booked_at", LocalDateTime.parse("2026-01-02T03:04:05.123456"), "reversal", false, "memo", TEXT,
                "receipt", new byte[] {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff}, "line_count", (short) -32768, "fx_rate", 1.25f);
        Map<String, Object> updated = with(created, "amount", new BigDecimal("0.0001"), "reversal", true, "memo", null, "receipt", null,
                "line_count", (short) 32767, "fx_rate", null, "booked_at", LocalDateTime.parse("1960-02-29T00:00:00.000001"));
        try (Connection c = source("ledger_db").connect()) {
            Rows.insert(c, entries, created);
            Rows.update(c, entries, updated);
            Rows.delete(c, entries, updated);
        }
        assertThat(comparable(Staging.await(platform, entries, "entry_id", 1001L, 3)))
                .containsExactly(expected("c", created), expected("u", updated), expected("d", updated));
    }

    @Test
    void jsonDoubleDateAndZonedTimestampValuesArriveAsWritten() throws Exception {
        IngestedDataset lines = dataset("orders_db", "order_lines");
        Map<String, Object> line = row("order_id", 2L, "line_no", 1, "sku", "SKU-☕", "quantity", Integer.MAX_VALUE,
                "unit_price", new BigDecimal("9999999999.99"), "attributes", new Rows.Json("{\"colour\": \"blå\", \"tags\": [\"a\", \"東京\"], \"n\": 1.5, \"x\": null}"));
        IngestedDataset orders = dataset("orders_db", "orders");
        Map<String, Object> order = row("order_id", 2L, "customer_id", 7L, "placed_at", OffsetDateTime.parse("2026-06-30T23:30:00.000001+05:30"),
                "status", "placed", "total", new BigDecimal("-0.01"), "notes", TEXT);
        IngestedDataset campaigns = dataset("campaign_db", "campaigns");
        Map<String, Object> campaign = row("campaign_id", 2, "title", "", "starts_on", LocalDate.of(2026, 1, 1), "ends_on", LocalDate.of(9999, 12, 31),
                "budget", 0.1d + 0.2d, "active", false);
        try (Connection c = source("orders_db").connect()) {
            Rows.insert(c, lines, line);
            Rows.insert(c, orders, order);
        }
        try (Connection c = source("campaign_db").connect()) {
            Rows.insert(c, campaigns, campaign);
            Rows.update(c, campaigns, with(campaign, "budget", Double.MAX_VALUE, "ends_on", null));
        }
        assertThat(comparable(Staging.await(platform, lines, "order_id", 2L, 1))).containsExactly(expected("c", line));
        assertThat(comparable(Staging.await(platform, orders, "order_id", 2L, 1))).containsExactly(expected("c", order));
        assertThat(comparable(Staging.await(platform, campaigns, "campaign_id", 2, 2)))
                .containsExactly(expected("c", campaign), expected("u", with(campaign, "budget", Double.MAX_VALUE, "ends_on", null)));
    }

    @Test
    void oneTransactionOverBothTablesOfCustomerDbArrivesInBothStagingTablesWithOneCommitTime() throws Exception {
        IngestedDataset customers = dataset("customer_db", "customers");
        IngestedDataset addresses = dataset("customer_db", "addresses");
        Map<String, Object> customer = row("id", 501L, "first_name", "Zoë", "last_name", "Ångström", "email", null,
                "balance", new BigDecimal("1234567890.12"), "created_at", OffsetDateTime.parse("2026-01-02T03:04:05.123456+01:00"));
        Map<String, Object> home = row("customer_id", 501L, "kind", "home", "street", "1 東京 St", "city", "Tōkyō", "postcode", null);
        Map<String, Object> work = row("customer_id", 501L, "kind", "work", "street", "☕ Lane", "city", "Malmö", "postcode", "211 20");
        try (Connection c = source("customer_db").connect()) {
            c.setAutoCommit(false);
            Rows.insert(c, customers, customer);
            Rows.insert(c, addresses, home);
            Rows.insert(c, addresses, work);
            Rows.update(c, customers, with(customer, "email", "zoe@example.com"));
            Rows.delete(c, addresses, home);
            c.commit();
        }
        List<Staging.Row> customerRows = Staging.await(platform, customers, "id", 501L, 2);
        List<Staging.Row> addressRows = Staging.await(platform, addresses, "customer_id", 501L, 3);
        assertThat(comparable(customerRows)).containsExactly(expected("c", customer), expected("u", with(customer, "email", "zoe@example.com")));
        assertThat(comparable(addressRows)).containsExactly(expected("c", home), expected("c", work), expected("d", home));
        assertThat(customerRows).extracting(Staging.Row::sourceTs).doesNotContainNull().containsOnly(customerRows.get(0).sourceTs());
        assertThat(addressRows).extracting(Staging.Row::sourceTs).containsOnly(customerRows.get(0).sourceTs());
    }

    private static List<Staging.Row> comparable(List<Staging.Row> rows) {
        return rows.stream().map(Staging.Row::comparable).toList();
    }

    private static LocalPostgres.Database source(String datastore) {
        return platform.sources().source(datastore).database();
    }

    private static IngestedDataset dataset(String datastore, String dataset) {
        return platform.sources().source(datastore).dataset(dataset);
    }
}

package io.datasurface.events;

import io.datasurface.events.DataSurfaceEvent.MissingSecret;
import java.time.Instant;
import java.util.List;

/** One event of every catalogue type, with fixed values, as the golden files show them. */
final class SampleEvents {
    static final Instant TIME = Instant.parse("2026-11-25T10:15:30Z");
    static final String SOURCE = "/datasurface/test";
    private static final String BASE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";

    private SampleEvents() {
    }

    static List<DataSurfaceEvent> all() {
        return List.of(
                new DataSurfaceEvent.ChangeAccepted("https://github.com/acme/sales-data.git@main", BASE, COMMIT, TIME),
                new DataSurfaceEvent.ChangeRejected("https://github.com/acme/sales-data.git@main", BASE, COMMIT,
                        List.of("zones/USA/zone.yaml:4:3: zone USA: policies changed; only https://github.com/acme/usa-zone.git@main may change it,"
                                + " tried by https://github.com/acme/sales-data.git@main"), TIME),
                new DataSurfaceEvent.ModelRejected("https://github.com/acme/datasurface-model.git@main", COMMIT,
                        List.of("zones/USA/teams/sales.yaml:12:11: error: [primary-key] zone USA / team sales / datastore customer_db"
                                + " / dataset customers: the dataset has no primary key; mark its key columns with key: true"), TIME),
                new DataSurfaceEvent.GraphPublished("Prod", COMMIT, "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", 4, TIME),
                new DataSurfaceEvent.ArtifactsRendered("Prod", COMMIT, 2, 10, 1,
                        List.of("dags/acme_merge_customer_db.py", "connect/customer_db_customers_staging.json",
                                "dags/acme_merge_orders_db_orders.py"), TIME),
                new DataSurfaceEvent.CredentialsMissing("Prod", COMMIT, "datasurface",
                        List.of(new MissingSecret("pg-main", "password"), new MissingSecret("connect-api", "token")), TIME),
                new DataSurfaceEvent.MergeSucceeded("Prod", "orders_db.orders", 7, 100, 40, 50, 5, 5, 123, TIME),
                new DataSurfaceEvent.MergeFailed("Prod", "customer_db", "table acme.customer_db_customers_staging, staging row ds_seq=42:"
                        + " key column id is null", TIME),
                new DataSurfaceEvent.TransactionsReleased("Prod", "ledger_db", 8, List.of("571 (entries 0 of 1)",
                        "572 (no END record arrived)"), 300_000, TIME),
                new DataSurfaceEvent.TablesRemoved("Prod", List.of("acme.old_db_items_staging", "acme.old_db_items"), true, TIME));
    }
}

package io.datasurface.notifier;

import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.DataSurfaceEvent.ArtifactsRendered;
import io.datasurface.events.DataSurfaceEvent.ChangeAccepted;
import io.datasurface.events.DataSurfaceEvent.ChangeRejected;
import io.datasurface.events.DataSurfaceEvent.CredentialsMissing;
import io.datasurface.events.DataSurfaceEvent.GraphPublished;
import io.datasurface.events.DataSurfaceEvent.MergeFailed;
import io.datasurface.events.DataSurfaceEvent.MergeSucceeded;
import io.datasurface.events.DataSurfaceEvent.MissingSecret;
import io.datasurface.events.DataSurfaceEvent.ModelRejected;
import io.datasurface.events.DataSurfaceEvent.TablesRemoved;
import io.datasurface.events.DataSurfaceEvent.TransactionsReleased;
import java.time.Instant;
import java.util.List;

/** One realistic event of each type of the catalogue, on platform Prod of examples/minimal. */
final class ExampleEvents {
    static final Instant T = Instant.parse("2026-11-29T10:15:00Z");
    static final String SOURCE = "https://github.com/mini/north.git@feature/prices";

    static final List<DataSurfaceEvent> ALL = List.of(
            new ChangeAccepted(SOURCE, "4f2a9c1", "9b7e3d0", T),
            new ChangeRejected(SOURCE, "4f2a9c1", "9b7e3d0", List.of(
                    "zone North / team producers / datastore shop_db / dataset products: column price removed; a used dataset keeps its columns "
                            + "(may change: https://github.com/mini/north.git@main, tried: https://github.com/mini/north.git@feature/prices)"), T),
            new ModelRejected("https://github.com/mini/model.git@main", "c0ffee1", List.of(
                    "zones/North/teams/producers.yaml:12:11: error: [type] zone North / team producers / datastore shop_db / dataset products / "
                            + "column price: unknown type 'decimal(10,2'; write e.g. decimal(10,2)"), T),
            new GraphPublished("Prod", "c0ffee1", "sha256:5d41402abc4b2a76", 2, T),
            new ArtifactsRendered("Prod", "c0ffee1", 3, 5, 1, List.of("dags/prod_shop_db_customers.py", "dags/prod_system.py",
                    "connectors/shop_db_customers_staging.json", "connectors/old_staging.json"), T),
            new CredentialsMissing("Prod", "c0ffee1", "ds", List.of(new MissingSecret("pg-main", "user"), new MissingSecret("pg-main", "password"),
                    new MissingSecret("slack-webhook", "token")), T),
            new MergeSucceeded("Prod", "shop_db.customers", 42, 120, 80, 30, 10, 0, 850, T),
            new MergeFailed("Prod", "shop_db.customers", "stream shop_db.customers: table shop_db_customers_staging, staging row ds_seq=1234: "
                    + "null value in column \"name\" violates not-null constraint. Nothing was consumed. Correct or delete that row (DELETE FROM "
                    + "\"prod\".\"shop_db_customers_staging\" WHERE ds_seq = 1234) and fix the producer or the connector that wrote it; the next run "
                    + "merges the rest", T),
            new TransactionsReleased("Prod", "shop_db.customers", 43, List.of("571 (customers 1 of 2)", "572 (no END record arrived)"),
                    300_000, T),
            new TablesRemoved("Prod", List.of("shop_db_orders_staging", "shop_db_orders_merge"), true, T));

    private ExampleEvents() {
    }
}

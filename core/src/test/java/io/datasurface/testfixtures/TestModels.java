package io.datasurface.testfixtures;

import io.datasurface.model.CaptureMetaData;
import io.datasurface.model.ClassificationPolicy;
import io.datasurface.model.Column;
import io.datasurface.model.Credential;
import io.datasurface.model.CredentialKind;
import io.datasurface.model.DataType;
import io.datasurface.model.Dataset;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.Datastore;
import io.datasurface.model.Documentation;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.InfrastructureLocation;
import io.datasurface.model.InfrastructureVendor;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.LocationRef;
import io.datasurface.model.Milestoning;
import io.datasurface.model.Repository;
import io.datasurface.model.Schema;
import io.datasurface.model.Team;
import io.datasurface.model.TeamDeclaration;
import io.datasurface.model.TransactionScope;
import io.datasurface.model.VendorPolicy;
import io.datasurface.model.Workspace;
import io.datasurface.model.ZoneDeclaration;
import io.datasurface.model.ZonePolicies;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Models built in code, for tests that need every concept or a precise shape. */
public final class TestModels {
    private TestModels() {
    }

    /** Every data type the model knows, once each. */
    public static List<DataType> everyDataType() {
        return List.of(new DataType.BooleanType(), new DataType.IntegerType(16), new DataType.IntegerType(32), new DataType.IntegerType(64),
                new DataType.DecimalType(18, 4), new DataType.FloatType(32), new DataType.FloatType(64), new DataType.DateType(),
                new DataType.TimestampType(false, 6), new DataType.TimestampType(true, 6), new DataType.TimestampType(false, 3),
                new DataType.CharType(3), new DataType.VarcharType(200), new DataType.TextType(), new DataType.BinaryType(), new DataType.JsonType());
    }

    public static KubernetesPGStarter platform(String name) {
        return new KubernetesPGStarter(name, new Documentation("platform " + name), "ns-" + name.toLowerCase(java.util.Locale.ENGLISH),
                new KubernetesPGStarter.Postgres("pg.svc", 5433, "ds", new Credential("pg-main", CredentialKind.USER_PASSWORD)),
                new KubernetesPGStarter.Kafka("kafka:9092"),
                new KubernetesPGStarter.Service("connect", new Credential("connect-api", CredentialKind.TOKEN)),
                new KubernetesPGStarter.Service("airflow", new Credential("airflow-api", CredentialKind.TOKEN)),
                "merge-worker:1", new Credential("git-model", CredentialKind.TOKEN),
                new KubernetesPGStarter.Slack("#ops", new Credential("slack-webhook", CredentialKind.TOKEN)),
                Duration.ofMinutes(10), new KubernetesPGStarter.TableRetention(true, true, Duration.ofDays(3)));
    }

    /** A model that uses every concept and every optional part at least once. */
    public static Ecosystem everyConcept() {
        List<Column> columns = new java.util.ArrayList<>();
        columns.add(new Column("id", new DataType.IntegerType(64), false, true, Optional.empty()));
        List<DataType> types = everyDataType();
        for (int i = 0; i < types.size(); i++) {
            columns.add(new Column("c" + i, types.get(i), i % 2 == 0, false, i == 3 ? Optional.of("pii") : Optional.empty()));
        }
        Dataset wide = new Dataset("wide", new Documentation("every type"), "internal", false, new Schema(columns));
        Dataset old = new Dataset("old", Documentation.NONE, "public", true,
                new Schema(List.of(Column.of("k1", new DataType.VarcharType(10), false, true), Column.of("k2", new DataType.DateType(), false, true))));
        Datastore debezium = new Datastore("store_a", new Documentation("a store"),
                Optional.of(new CaptureMetaData.DebeziumKafka("cdc.a", TransactionScope.MULTI_DATASET, Optional.of(Duration.ofMinutes(2)))),
                Optional.of(new LocationRef("OnPrem", List.of("NY", "NY1"))), List.of(wide, old));
        Datastore snapshot = new Datastore("store_b", Documentation.NONE,
                Optional.of(new CaptureMetaData.JdbcSnapshot("jdbc:postgresql://b/b", new Credential("b-reader", CredentialKind.USER_PASSWORD),
                        TransactionScope.SINGLE_DATASET, Optional.empty())),
                Optional.empty(), List.of(old));
        Workspace workspace = new Workspace("ws", new Documentation("consumer"), "Prod", List.of(
                new DatasetGroup("hist", Milestoning.MILESTONED, List.of(new DatasetSink("store_a", "wide"))),
                new DatasetGroup("live", Milestoning.LIVE_ONLY, List.of(new DatasetSink("store_a", "old")))));
        Team team = new Team("t1", new Documentation("team one"), List.of(debezium, snapshot), List.of(workspace));
        GovernanceZone zone = new GovernanceZone("Z1", new Documentation("zone one"),
                new ZonePolicies(new ClassificationPolicy(List.of("public", "internal", "pii"), List.of("pii")), new VendorPolicy(List.of("OnPrem"))),
                List.of(new TeamDeclaration("t1", new Repository("https://git.example.com/t1.git", "main"))), List.of(team));
        return new Ecosystem("Eco", new Repository("https://git.example.com/eco.git", "main"), new Documentation("eco"),
                List.of(new InfrastructureVendor("OnPrem", "private", List.of(new InfrastructureLocation("NY", List.of(new InfrastructureLocation("NY1", List.of())))))),
                List.of(platform("Prod")),
                List.of(new ZoneDeclaration("Z1", new Repository("https://git.example.com/z1.git", "release"))),
                List.of(zone));
    }
}

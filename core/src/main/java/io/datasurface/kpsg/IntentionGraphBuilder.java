package io.datasurface.kpsg;

import io.datasurface.model.CaptureMetaData;
import io.datasurface.model.Column;
import io.datasurface.model.Datastore;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.Milestoning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a platform's intention graph from the workspaces that chose it. References that do not
 * resolve and types without a PostgreSQL mapping are left out here; lint reports them.
 */
public final class IntentionGraphBuilder {
    private IntentionGraphBuilder() {
    }

    public static IntentionGraph build(Ecosystem ecosystem, KubernetesPGStarter platform) {
        Map<String, Milestoning> milestoningBySink = new LinkedHashMap<>();
        Map<String, Ecosystem.ConsumedDataset> consumed = new LinkedHashMap<>();
        for (Ecosystem.ConsumedDataset c : ecosystem.datasetsConsumedOn(platform.name())) {
            if (ingestible(c.store().store(), platform)) {
                consumed.putIfAbsent(c.fullName(), c);
                milestoningBySink.merge(c.fullName(), c.milestoning(), Milestoning::strictest);
            }
        }

        Map<String, String> tableBases = tableBases(consumed);
        Map<String, List<IngestedDataset>> datasetsByStream = new LinkedHashMap<>();
        Map<String, Ecosystem.ConsumedDataset> firstByStream = new LinkedHashMap<>();
        Map<String, Milestoning> milestoningByStream = new LinkedHashMap<>();
        for (Ecosystem.TeamInZone producer : ecosystem.teams()) {
            for (Datastore store : producer.team().datastores()) {
                for (io.datasurface.model.Dataset dataset : store.datasets()) {
                    String fullName = store.name() + "." + dataset.name();
                    Ecosystem.ConsumedDataset c = consumed.get(fullName);
                    if (c == null || c.store().store() != store) {
                        continue;
                    }
                    Optional<List<MappedColumn>> columns = mapColumns(dataset.schema().columns());
                    if (columns.isEmpty()) {
                        continue;
                    }
                    CaptureMetaData.DebeziumKafka capture = (CaptureMetaData.DebeziumKafka) store.capture().orElseThrow();
                    boolean multi = capture.transactions() == io.datasurface.model.TransactionScope.MULTI_DATASET;
                    String key = BatchStream.key(store.name(), dataset.name(), multi);
                    String base = tableBases.get(fullName);
                    datasetsByStream.computeIfAbsent(key, k -> new ArrayList<>()).add(new IngestedDataset(store.name(), dataset,
                            capture.topic(dataset.name()), base + TableLayout.STAGING_SUFFIX, base + TableLayout.MERGE_SUFFIX, columns.get()));
                    firstByStream.putIfAbsent(key, c);
                    milestoningByStream.merge(key, milestoningBySink.get(fullName), Milestoning::strictest);
                }
            }
        }

        List<BatchStream> streams = new ArrayList<>();
        for (Map.Entry<String, List<IngestedDataset>> entry : datasetsByStream.entrySet()) {
            Ecosystem.StoreInTeam owner = firstByStream.get(entry.getKey()).store();
            CaptureMetaData.DebeziumKafka capture = (CaptureMetaData.DebeziumKafka) owner.store().capture().orElseThrow();
            streams.add(new BatchStream(entry.getKey(), owner.zone().name(), owner.team().name(), owner.store().name(), capture.transactionTopic(),
                    capture.transactions() == io.datasurface.model.TransactionScope.MULTI_DATASET,
                    milestoningByStream.get(entry.getKey()), capture.schedule().orElse(platform.mergeInterval()), entry.getValue()));
        }
        streams.sort(Comparator.comparing(BatchStream::key));
        String schema = TableLayout.platformSchema(platform.name());
        return new IntentionGraph(platform, schema, streams, WorkspaceSchemas.build(ecosystem, platform, schema, streams));
    }

    private static boolean ingestible(Datastore store, KubernetesPGStarter platform) {
        return store.capture().isPresent() && platform.supportsCapture(store.capture().get());
    }

    /** The table name stem of each consumed dataset, short enough to take the longest suffix. */
    private static Map<String, String> tableBases(Map<String, Ecosystem.ConsumedDataset> consumed) {
        List<UniqueIdentifiers.Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, Ecosystem.ConsumedDataset> entry : consumed.entrySet()) {
            String store = entry.getValue().store().store().name();
            String dataset = entry.getValue().dataset().name();
            String base = PostgresNames.sanitize(store) + "_" + PostgresNames.sanitize(dataset);
            boolean exact = PostgresNames.sanitize(store).equals(store) && PostgresNames.sanitize(dataset).equals(dataset);
            candidates.add(new UniqueIdentifiers.Candidate(entry.getKey(), base, exact));
        }
        return UniqueIdentifiers.assign(candidates, Set.of(),
                PostgresNames.MAX_IDENTIFIER_BYTES - Math.max(TableLayout.STAGING_SUFFIX.length(), TableLayout.MERGE_SUFFIX.length()));
    }

    /** The dataset's columns with unique PostgreSQL names, or empty when a type has no PostgreSQL mapping. */
    public static Optional<List<MappedColumn>> mapColumns(List<Column> columns) {
        List<UniqueIdentifiers.Candidate> candidates = new ArrayList<>();
        for (Column column : columns) {
            if (!(PostgresTypes.map(column.type()) instanceof PostgresTypes.Mapping.Supported)) {
                return Optional.empty();
            }
            String base = PostgresNames.sanitize(column.name());
            candidates.add(new UniqueIdentifiers.Candidate(column.name(), base, base.equals(column.name())));
        }
        Map<String, String> names = UniqueIdentifiers.assign(candidates, TableLayout.RESERVED_COLUMNS, PostgresNames.MAX_IDENTIFIER_BYTES);
        List<MappedColumn> mapped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (!seen.add(column.name())) {
                continue;
            }
            mapped.add(new MappedColumn(column, names.get(column.name()), PostgresTypes.sqlType(column.type())));
        }
        return Optional.of(mapped);
    }
}
